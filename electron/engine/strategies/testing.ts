import type { Candle } from '../../../shared/domain/candle.ts';
import type { Strategy, StrategyPosition } from './strategy.ts';

/** A bar with its own high and low (defaulting to the close). */
export const bar = (close: number, extremes: { high?: number; low?: number } = {}, ts = 0): Candle => ({
  ts,
  open: close,
  high: extremes.high ?? close,
  low: extremes.low ?? close,
  close,
  volume: 1,
});

/**
 * Feeds bars and records each intent's target, holding the position a bot would hold if every
 * intent filled at once (long 1, short -1, flat 0): enough to see entries and exits in turn.
 */
export function run(strategy: Strategy, bars: readonly Candle[]): (string | null)[] {
  let position: StrategyPosition = { qty: 0, avgPx: 0 };
  return bars.map((candle) => {
    const intent = strategy.onBar(candle, position);
    if (intent) position = { qty: intent.target === 'long' ? 1 : intent.target === 'short' ? -1 : 0, avgPx: candle.close };
    return intent?.target ?? null;
  });
}
