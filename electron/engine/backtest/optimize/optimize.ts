import type { OptimizeResult, ParamAxis, RankMetric } from '../../../../shared/contract/optimize.ts';
import type { StrategyKind } from '../../../../shared/domain/strategy-params.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { CandleColumns } from '../candle-columns.ts';
import type { BacktestOptions } from '../options.ts';
import { startBacktest } from '../run-backtest.ts';
import { type Combos, combosOf, type Search } from './combos.ts';
import { paramSpace } from './param-space.ts';
import { rank } from './ranking.ts';
import { shareColumns } from './shared-candles.ts';
import { defaultWorkers, type PoolOptions, runOnWorkers } from './worker-pool.ts';

export interface OptimizeRequest {
  kind: StrategyKind;
  params: Readonly<Record<string, ParamAxis>>;
  search: Search;
  rankBy: RankMetric;
  top: number;
}

/** A search checked and expanded, ready to run. */
export interface SearchPlan {
  candles: CandleColumns;
  options: BacktestOptions;
  request: OptimizeRequest;
  combos: Combos;
}

/** Everything a backtest would refuse (options, candles, the space, the size) is refused here, before a thread starts. */
export function planSearch(candles: CandleColumns, request: OptimizeRequest, options: BacktestOptions): Result<SearchPlan> {
  const space = paramSpace(request.kind, request.params);
  if (!space.ok) return space;
  const combos = combosOf(space.value, request.search);
  if (!combos.ok) return combos;
  const { params, skipped, skippedReason } = combos.value;
  if (params.length === 0) return fail('INVALID_INPUT', `None of the ${skipped} parameter sets is valid (${skippedReason}); nothing to test`);
  const checked = startBacktest(candles, params[0]!, options);
  if (!checked.ok) return checked;
  return ok({ candles, options, request, combos: combos.value });
}

/** Backtests every set of the plan on worker threads and ranks them. Resolves to null when cancelled. */
export async function runSearch(plan: SearchPlan, pool: PoolOptions = {}): Promise<Result<OptimizeResult> | null> {
  const started = Date.now();
  const { request, combos } = plan;
  const workers = pool.workers ?? defaultWorkers();
  const jobs = combos.params.map((params, index) => ({ index, params }));
  const scored = await runOnWorkers({ candles: shareColumns(plan.candles), options: plan.options }, jobs, { ...pool, workers });
  if (scored === null || !scored.ok) return scored;
  const best = rank(scored.value, request.rankBy)
    .slice(0, request.top)
    .map((s, i) => ({ rank: i + 1, params: combos.params[s.index]!, metrics: s.metrics }));
  return ok({ rankBy: request.rankBy, tested: jobs.length, skipped: combos.skipped, skippedReason: combos.skippedReason, workers: Math.min(workers, jobs.length), elapsedMs: Date.now() - started, best });
}

/** `planSearch` then `runSearch`. */
export async function optimize(candles: CandleColumns, request: OptimizeRequest, options: BacktestOptions, pool: PoolOptions = {}): Promise<Result<OptimizeResult> | null> {
  const plan = planSearch(candles, request, options);
  return plan.ok ? runSearch(plan.value, pool) : plan;
}
