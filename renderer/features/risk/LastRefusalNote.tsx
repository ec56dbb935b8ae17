import { lockTime } from './lock-time.ts';
import { useLocksStore } from './locks-store.ts';

/** The bot's last refusal with its time: an entry refused before it became an order (sizing), an alert refused, or a rejected order. */
export function LastRefusalNote({ botId }: { botId: string }) {
  const refusal = useLocksStore((s) => s.refusals[botId]);
  if (refusal === undefined) return null;
  return (
    <span className="last-refusal muted" data-testid="last-refusal" title={refusal.reason}>
      Last refusal at {lockTime(refusal.at)}: {refusal.reason}
    </span>
  );
}
