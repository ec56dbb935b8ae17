import type { BacktestRunSummary } from '../../../shared/contract/backtest.ts';
import { MAX_COMPARED, useBacktestStore } from './backtest-store.ts';
import { runLabel, runRange } from './run-label.ts';

const percent = (value: number | null) => (value === null || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(2)} %`);

/** Every saved run, newest first: open one, tick 2 to 4 to compare, delete. */
export function SavedRuns() {
  const { runs, openId, compareIds, open, toggleCompare, remove } = useBacktestStore();
  return (
    <section className="panel" aria-label="Saved backtests">
      <h3>Saved runs</h3>
      {runs.length === 0 ? (
        <p className="muted">No saved runs yet: every finished backtest is saved here.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Compare</th>
              <th>Run</th>
              <th>Range</th>
              <th className="num">Net return</th>
              <th className="num">Trades</th>
              <th className="num">Max drawdown</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run: BacktestRunSummary) => (
              <tr key={run.id} className={run.id === openId ? 'selected' : undefined} data-testid={`run-${run.id}`}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${runLabel(run)}`}
                    checked={compareIds.includes(run.id)}
                    disabled={!compareIds.includes(run.id) && compareIds.length >= MAX_COMPARED}
                    onChange={() => void toggleCompare(run.id)}
                  />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => void open(run.id)}>
                    {runLabel(run)}
                  </button>
                  <div className="muted small">saved {new Date(run.createdAt).toLocaleString()}</div>
                </td>
                <td>{runRange(run)}</td>
                <td className="num">{percent(run.metrics.netReturn)}</td>
                <td className="num">{run.metrics.trades.toLocaleString()}</td>
                <td className="num">{percent(run.metrics.maxDrawdownPct)}</td>
                <td>
                  <button type="button" className="danger" onClick={() => window.confirm(`Delete the saved run ${runLabel(run)}?`) && void remove(run.id)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
