import type { z } from 'zod';
import type { MacdParamsSchema } from '../../../shared/domain/strategy-params.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { Macd, type MacdValue } from '../indicators/macd.ts';
import { FLAT, LONG, SHORT, crossedAbove, crossedBelow, plot } from './signals.ts';
import type { Intent, Plot, Strategy, StrategyPosition } from './strategy.ts';

type Params = z.infer<typeof MacdParamsSchema>;

/**
 * Buys on the bar the MACD line crosses above its signal line (the histogram turns positive).
 * With the histogram filter, buys instead on the bar the histogram rises above
 * `minHistogramPct` % of the close, so a cross by a hair in a flat market is not a trade.
 * A long is closed while the histogram is negative. `allowShort` mirrors both rules.
 */
export class MacdCross implements Strategy {
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  readonly #macd: Macd;
  readonly #params: Params;
  #last: MacdValue | null = null;
  #previousPct: number | null = null;

  constructor(params: Params) {
    this.#params = params;
    this.#macd = new Macd(params.fast, params.slow, params.signal);
    // All three lines start at index slow + signal - 2; a crossing needs the bar before too.
    this.warmupBars = params.slow + params.signal;
    this.plots = [
      plot('MACD', 'below', () => this.#last?.macd ?? null),
      plot('Signal', 'below', () => this.#last?.signal ?? null),
      plot('Histogram', 'below', () => this.#last?.histogram ?? null),
    ];
  }

  onBar(candle: Candle, position: StrategyPosition): Intent | null {
    const previous = this.#last?.histogram ?? null;
    const previousPct = this.#previousPct;
    const value = (this.#last = this.#macd.update(candle.close));
    if (value === null) return null;
    const histogram = value.histogram;
    // A close of 0 or less has no percentage: NaN compares false, so no entry on it.
    const pct = candle.close > 0 ? (histogram / candle.close) * 100 : Number.NaN;
    this.#previousPct = pct;
    const { histogramFilter, minHistogramPct, allowShort } = this.#params;
    const longEntry = histogramFilter ? crossedAbove(previousPct, pct, minHistogramPct) : crossedAbove(previous, histogram, 0);
    const shortEntry = histogramFilter ? crossedBelow(previousPct, pct, -minHistogramPct) : crossedBelow(previous, histogram, 0);
    if (longEntry) return LONG;
    if (allowShort && shortEntry) return SHORT;
    if (position.qty > 0 && histogram < 0) return FLAT;
    if (position.qty < 0 && histogram > 0) return FLAT;
    return null;
  }
}
