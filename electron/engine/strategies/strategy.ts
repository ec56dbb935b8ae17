import type { StrategyParams } from '../../../shared/domain/bot.ts';
import { MaCrossover } from './ma-crossover.ts';

/** What a strategy wants its position to be after a closed bar. */
export type Signal = 'long' | 'flat';

/**
 * One pure, synchronous module per strategy: closed bars in, signals out. The same code runs
 * live and in backtests; it never touches orders, the database or the clock.
 */
export interface Strategy {
  /** Bars needed before the first signal can come. */
  readonly warmupBars: number;
  onBar(close: number): Signal | null;
}

/** The bar-driven strategy of a bot, or null for a bot driven by alerts (TradingView signals). */
export function createStrategy(params: StrategyParams): Strategy | null {
  switch (params.kind) {
    case 'ma_crossover':
      return new MaCrossover(params.fast, params.slow);
    case 'tradingview':
      return null;
  }
}
