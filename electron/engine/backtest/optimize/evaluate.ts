import type { StrategyParams } from '../../../../shared/domain/strategy-params.ts';
import type { CandleColumns } from '../candle-columns.ts';
import type { BacktestOptions } from '../options.ts';
import { runBacktest } from '../run-backtest.ts';
import type { Scored } from './ranking.ts';

/** Parameter sets with their place in the search order, as a worker receives them. */
export interface Job {
  index: number;
  params: StrategyParams;
}

/**
 * Backtests each set over the same candles. Options and candles were checked once before the
 * search started, so a refusal here is a bug and throws: the pool reports it, it does not hide it.
 */
export function evaluate(candles: CandleColumns, options: BacktestOptions, jobs: readonly Job[]): Scored[] {
  return jobs.map(({ index, params }) => {
    const result = runBacktest(candles, params, options);
    if (!result.ok) throw new Error(`Backtest of parameter set ${index} failed: ${result.error.message}`);
    return { index, metrics: result.value.metrics };
  });
}
