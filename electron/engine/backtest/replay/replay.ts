import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { CandleColumns } from '../candle-columns.ts';
import type { BacktestOptions } from '../options.ts';
import { runStrategy } from '../run-backtest.ts';
import type { BacktestResult } from '../simulation.ts';
import { AlertStrategy } from './alert-strategy.ts';
import type { ReplayAlert } from './replay-alert.ts';

/** A stop or target: the alerts' own levels, a distance from each entry fill (0.02 is 2 %), or none. */
export type LevelOverride = 'alerts' | 'none' | number;

export interface ReplayOptions extends Omit<BacktestOptions, 'stopLossPct' | 'takeProfitPct'> {
  stopLoss: LevelOverride;
  takeProfit: LevelOverride;
}

export interface Replayed extends BacktestResult {
  alerts: number;
  outsideCandles: number;
  ignored: number;
}

/**
 * What the alerts would have done over these candles, through the backtester's fill model: each
 * alert fills at the next bar's open; a distance given here replaces the levels every alert gave
 * ("a 2 % stop instead of 3 %"), and 'none' drops them.
 */
export function replayAlerts(candles: CandleColumns, alerts: readonly ReplayAlert[], options: ReplayOptions): Result<Replayed> {
  if (alerts.length === 0) return fail('INVALID_INPUT', 'There are no alerts to replay in this range');
  const { stopLoss, takeProfit, ...rest } = options;
  const strategy = new AlertStrategy(candles, alerts, options.slippageBps ?? 0, { stopLoss: stopLoss === 'alerts', takeProfit: takeProfit === 'alerts' });
  const result = runStrategy(candles, strategy, {
    ...rest,
    ...(typeof stopLoss === 'number' ? { stopLossPct: stopLoss } : {}),
    ...(typeof takeProfit === 'number' ? { takeProfitPct: takeProfit } : {}),
  });
  if (!result.ok) return result;
  return ok({ ...result.value, alerts: alerts.length, outsideCandles: strategy.outsideCandles, ignored: strategy.ignored });
}
