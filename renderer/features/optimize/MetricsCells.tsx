import type { BacktestMetrics } from '../../../shared/contract/backtest.ts';

const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(2)} %`);
const fixed = (value: number | null) => (value === null ? '—' : value.toFixed(2));

export const METRIC_HEADERS = ['Net return', 'Sharpe', 'Profit factor', 'Max drawdown', 'Win rate', 'Trades'] as const;

/** The figures a trader compares first, in the order of `METRIC_HEADERS`. */
export function MetricsCells({ metrics }: { metrics: BacktestMetrics }) {
  return (
    <>
      <td>{pct(metrics.netReturn)}</td>
      <td>{fixed(metrics.sharpe)}</td>
      <td>{fixed(metrics.profitFactor)}</td>
      <td>{pct(metrics.maxDrawdownPct)}</td>
      <td>{pct(metrics.winRate)}</td>
      <td>{metrics.trades}</td>
    </>
  );
}
