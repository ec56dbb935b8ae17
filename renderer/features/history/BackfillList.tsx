import type { BackfillProgress } from '../../../shared/contract/history.ts';
import { barTime } from './history-format.ts';
import { useHistoryStore } from './history-store.ts';

const STATE_WORDS: Record<BackfillProgress['state'], string> = { running: 'Running', waiting: 'Waiting', done: 'Done', cancelled: 'Cancelled', failed: 'Failed' };

/** Backfills of this session: a progress bar each, cancel while running, the reason when one waits or stops. */
export function BackfillList({ backfills }: { backfills: BackfillProgress[] }) {
  const cancel = useHistoryStore((s) => s.cancel);
  if (backfills.length === 0) return null;
  return (
    <ul className="backfills" aria-label="Backfills">
      {backfills.map((b) => {
        const active = b.state === 'running' || b.state === 'waiting';
        const percent = Math.round(b.fraction * 100);
        return (
          <li key={b.id} data-testid={`backfill-${b.id}`} data-state={b.state}>
            <div className="row">
              <strong>
                {b.series.symbol} {b.series.timeframe} from {b.series.venue}
              </strong>
              <span className={b.state === 'failed' ? 'error' : 'muted'}>
                {STATE_WORDS[b.state]} · {percent} % · {b.inserted.toLocaleString()} new bars{b.reachedTs !== null ? ` · up to ${barTime(b.reachedTs, b.series.timeframe)}` : ''}
              </span>
              {active && (
                <button type="button" onClick={() => void cancel(b.id)}>
                  Cancel
                </button>
              )}
            </div>
            <progress max={100} value={percent} aria-label={`Backfill of ${b.series.symbol} ${b.series.timeframe}`} />
            {b.message && <p className={b.state === 'failed' ? 'error' : 'muted'}>{b.message}</p>}
          </li>
        );
      })}
    </ul>
  );
}
