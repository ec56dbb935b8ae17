import type { StrategyParams } from '../../../shared/domain/bot.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { MaCrossover } from './ma-crossover.ts';

/** What a strategy sees of its own position: signed quantity in the base asset (short below 0) and entry price. */
export interface StrategyPosition {
  qty: number;
  avgPx: number;
}

/**
 * What a strategy wants after a closed bar: the side its position should be on, and optionally
 * exit levels (prices) for the position that entry opens, e.g. an ATR stop.
 */
export interface Intent {
  target: 'long' | 'short' | 'flat';
  stopLoss?: number;
  takeProfit?: number;
}

/**
 * One pure, synchronous module per strategy: closed candles (with its own position) in, intents
 * out. The same code runs live and in backtests; it never touches orders, the database or the clock.
 */
export interface Strategy {
  /** Bars needed before the first intent can come. */
  readonly warmupBars: number;
  onBar(candle: Candle, position: StrategyPosition): Intent | null;
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
