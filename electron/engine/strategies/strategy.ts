import type { StrategyParams } from '../../../shared/domain/strategy-params.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { BollingerReversion } from './bollinger-reversion.ts';
import { DonchianBreakout } from './donchian-breakout.ts';
import { MaCrossover } from './ma-crossover.ts';
import { MacdCross } from './macd-cross.ts';
import { RocMomentum } from './roc-momentum.ts';
import { RsiReversion } from './rsi-reversion.ts';
import { ZScoreReversion } from './zscore-reversion.ts';

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
 * A line the chart draws for a strategy: on the price pane (averages, bands) or in a pane below
 * (RSI, MACD). `value()` is its value after the latest bar, null while it warms up.
 */
export interface Plot {
  name: string;
  pane: 'price' | 'below';
  value(): number | null;
}

/**
 * One pure, synchronous module per strategy: closed candles (with its own position) in, intents
 * out. The same code runs live and in backtests; it never touches orders, the database or the clock.
 */
export interface Strategy {
  /** Bars needed before the first intent can come. */
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  /**
   * The backtester refills one candle object for every bar (no allocation per bar): read what you
   * need from `candle` during the call and never keep the object itself.
   */
  onBar(candle: Candle, position: StrategyPosition): Intent | null;
}

/**
 * The bar-driven strategy of a bot, or null for a bot driven by alerts (TradingView signals) or by
 * two feeds at once (arbitrage: `createPairStrategy`).
 */
export function createStrategy(params: StrategyParams): Strategy | null {
  switch (params.kind) {
    case 'ma_crossover':
      return new MaCrossover(params.fast, params.slow, params.ma ?? 'sma');
    case 'rsi':
      return new RsiReversion(params);
    case 'macd':
      return new MacdCross(params);
    case 'bollinger':
      return new BollingerReversion(params);
    case 'momentum':
      return params.mode === 'roc' ? new RocMomentum(params) : new DonchianBreakout(params);
    case 'zscore':
      return new ZScoreReversion(params);
    case 'arbitrage':
    case 'tradingview':
      return null;
  }
}
