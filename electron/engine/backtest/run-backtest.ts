import type { StrategyParams } from '../../../shared/domain/bot.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { createStrategy, type Strategy } from '../strategies/strategy.ts';
import { checkCandles } from './candle-checks.ts';
import { type CandleColumns, inferBarMs } from './candle-columns.ts';
import { type BacktestOptions, resolveOptions } from './options.ts';
import { type BacktestResult, BacktestSimulation } from './simulation.ts';

export type { BacktestResult, OpenTrade } from './simulation.ts';

/** Called every 65,536 bars and once at the end with the bars done so far. */
export type OnProgress = (done: number, total: number) => void;
export const PROGRESS_EVERY = 65_536;

/** A simulation ready to run: options and candles checked, the strategy built from its params. */
export function startBacktest(candles: CandleColumns, strategyParams: StrategyParams, options: BacktestOptions): Result<BacktestSimulation> {
  const strategy = createStrategy(strategyParams);
  if (!strategy) return fail('INVALID_INPUT', 'This strategy trades on TradingView alerts, not on candles: replay its alerts instead');
  return startStrategy(candles, strategy, options);
}

/** `startBacktest` for a strategy object already built (a test's script, a replay of alerts). */
export function startStrategy(candles: CandleColumns, strategy: Strategy, options: BacktestOptions): Result<BacktestSimulation> {
  const resolved = resolveOptions(options);
  if (!resolved.ok) return resolved;
  if (candles.length === 0) return fail('INVALID_INPUT', 'There are no candles to test on');
  const checked = checkCandles(candles);
  if (!checked.ok) return checked;
  const barMs = resolved.value.barMs ?? inferBarMs(candles.ts) ?? 60_000;
  const initialCapital = resolved.value.initialCapital ?? options.qty * candles.open[0]!;
  return ok(new BacktestSimulation(candles, strategy, resolved.value, initialCapital, barMs));
}

function runToEnd(started: Result<BacktestSimulation>, onProgress: OnProgress | undefined): Result<BacktestResult> {
  if (!started.ok) return started;
  const simulation = started.value;
  while (!simulation.done) {
    simulation.advance(PROGRESS_EVERY);
    onProgress?.(simulation.barsDone, simulation.totalBars);
  }
  return ok(simulation.result());
}

/**
 * Runs a strategy over candles with the live strategy module, the paper venue's fill rules and
 * the live position math, in memory, in one go (see `BacktestSimulation` for the fill model).
 */
export function runBacktest(candles: CandleColumns, strategyParams: StrategyParams, options: BacktestOptions, onProgress?: OnProgress): Result<BacktestResult> {
  return runToEnd(startBacktest(candles, strategyParams, options), onProgress);
}

/** `runBacktest` for a strategy object already built. */
export function runStrategy(candles: CandleColumns, strategy: Strategy, options: BacktestOptions, onProgress?: OnProgress): Result<BacktestResult> {
  return runToEnd(startStrategy(candles, strategy, options), onProgress);
}
