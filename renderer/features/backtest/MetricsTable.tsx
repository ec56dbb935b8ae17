import type { BacktestRunSummary } from '../../../shared/contract/backtest.ts';
import { METRIC_ROWS, quoteOf, SHARPE_CONVENTION } from './metric-rows.ts';

/** Every figure of one or more runs, one column per run, with its unit and the Sharpe convention stated. */
export function MetricsTable({ runs, headers }: { runs: readonly BacktestRunSummary[]; headers?: readonly string[] }) {
  return (
    <div>
      <table aria-label={runs.length > 1 ? 'Compared metrics' : 'Metrics'} className="metrics">
        {headers && (
          <thead>
            <tr>
              <th>Metric</th>
              {headers.map((h) => (
                <th key={h} className="num">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {METRIC_ROWS.map((row) => (
            <tr key={row.label} title={row.hint}>
              <th scope="row">{row.label}</th>
              {runs.map((run) => (
                <td key={run.id} className="num">
                  {row.text(run.metrics, quoteOf(run.symbol))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{SHARPE_CONVENTION}</p>
    </div>
  );
}
