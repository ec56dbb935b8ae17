import type { z } from 'zod';
import type { BollingerParamsSchema } from '../../../shared/domain/strategy-params.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { Bollinger, type BandsValue } from '../indicators/bollinger.ts';
import { FLAT, LONG, SHORT, plot } from './signals.ts';
import type { Intent, Plot, Strategy, StrategyPosition } from './strategy.ts';

type Params = z.infer<typeof BollingerParamsSchema>;

/**
 * Buys on the bar the price first gets below the lower band (its low touches it, or it closes
 * below it, as chosen); a long is closed once a close is back at or above the middle band.
 * `allowShort` mirrors it at the upper band. Bands of zero width (a market that has not moved)
 * give no entry: every bar would "touch" them.
 */
export class BollingerReversion implements Strategy {
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  readonly #bands: Bollinger;
  readonly #params: Params;
  #last: BandsValue | null = null;
  #wasBelow = true;
  #wasAbove = true;

  constructor(params: Params) {
    this.#params = params;
    this.#bands = new Bollinger(params.period, params.deviations);
    // The first bands come at index period - 1; an entry needs the bar before them to be inside.
    this.warmupBars = params.period + 1;
    this.plots = [
      plot('Upper band', 'price', () => this.#last?.upper ?? null),
      plot('Middle band', 'price', () => this.#last?.middle ?? null),
      plot('Lower band', 'price', () => this.#last?.lower ?? null),
    ];
  }

  onBar(candle: Candle, position: StrategyPosition): Intent | null {
    const bands = (this.#last = this.#bands.update(candle.close));
    if (bands === null) return null;
    const touch = this.#params.entry === 'touch';
    const moving = bands.upper > bands.lower;
    const below = moving && (touch ? candle.low <= bands.lower : candle.close < bands.lower);
    const above = moving && (touch ? candle.high >= bands.upper : candle.close > bands.upper);
    const enterLong = below && !this.#wasBelow;
    const enterShort = above && !this.#wasAbove;
    this.#wasBelow = below;
    this.#wasAbove = above;
    if (enterLong) return LONG;
    if (this.#params.allowShort && enterShort) return SHORT;
    if (position.qty > 0 && candle.close >= bands.middle) return FLAT;
    if (position.qty < 0 && candle.close <= bands.middle) return FLAT;
    return null;
  }
}
