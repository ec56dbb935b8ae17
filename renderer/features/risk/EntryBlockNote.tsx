import { useLocksStore } from './locks-store.ts';

/** "Locked" beside a bot that cannot enter now, with the reason (the emergency stop, or a lock's end time and cause). */
export function EntryBlockNote({ botId, full = false }: { botId: string; full?: boolean }) {
  const reason = useLocksStore((s) => s.blocks[botId]);
  if (reason === undefined) return null;
  return (
    <span className="entry-block" data-testid="entry-block" title={reason}>
      {full ? `Cannot enter: ${reason}` : 'locked'}
    </span>
  );
}
