import type { RankMetric } from '../../../../shared/contract/optimize.ts';
import type { Metrics } from '../../analytics/metrics.ts';

/** One tested parameter set: its place in the search order and its figures. */
export interface Scored {
  index: number;
  metrics: Metrics;
}

/** The figure to sort on; the drawdown (a negative fraction, -0.2 is 20 % down) is better closer to zero. */
const score = (metrics: Metrics, metric: RankMetric): number | null => {
  const value = metrics[metric];
  return value === null || Number.isNaN(value) ? null : value;
};

/**
 * Best first by the metric. A set without the figure (no trades: no Sharpe, no profit factor)
 * comes after every set with one; ties keep the search order, so the ranking does not depend on
 * which worker finished first.
 */
export function rank(scored: readonly Scored[], metric: RankMetric): Scored[] {
  return [...scored].sort((a, b) => {
    const x = score(a.metrics, metric);
    const y = score(b.metrics, metric);
    if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
    return y - x || a.index - b.index;
  });
}
