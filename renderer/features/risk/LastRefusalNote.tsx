import { lockTime } from './lock-time.ts';
import { useLocksStore } from './locks-store.ts';

/** The bot's last refused entry with its time, whether it was refused before it became an order (sizing) or as one. */
export function LastRefusalNote({ botId }: { botId: string }) {
  const refusal = useLocksStore((s) => s.refusals[botId]);
  if (refusal === undefined) return null;
  return (
    <span className="last-refusal muted" data-testid="last-refusal" title={refusal.reason}>
      Last refused entry at {lockTime(refusal.at)}: {refusal.reason}
    </span>
  );
}
