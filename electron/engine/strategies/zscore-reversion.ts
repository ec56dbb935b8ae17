import type { z } from 'zod';
import type { ZScoreParamsSchema } from '../../../shared/domain/strategy-params.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { ZScore } from '../indicators/zscore.ts';
import { FLAT, LONG, SHORT, crossedAbove, crossedBelow, plot } from './signals.ts';
import type { Intent, Plot, Strategy, StrategyPosition } from './strategy.ts';

type Params = z.infer<typeof ZScoreParamsSchema>;

/**
 * Buys on the bar the close falls more than `entryZ` standard deviations below its `period`-bar
 * mean; a long is closed once it is back within `exitZ` of the mean (z ≥ -exitZ). `allowShort`
 * mirrors it above the mean.
 */
export class ZScoreReversion implements Strategy {
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  readonly #z: ZScore;
  readonly #params: Params;
  #last: number | null = null;

  constructor(params: Params) {
    this.#params = params;
    this.#z = new ZScore(params.period);
    this.warmupBars = params.period + 1;
    this.plots = [plot(`Z-score ${params.period}`, 'below', () => this.#last)];
  }

  onBar(candle: Candle, position: StrategyPosition): Intent | null {
    const previous = this.#last;
    const z = (this.#last = this.#z.update(candle.close));
    if (z === null) return null;
    const { entryZ, exitZ, allowShort } = this.#params;
    if (crossedBelow(previous, z, -entryZ)) return LONG;
    if (allowShort && crossedAbove(previous, z, entryZ)) return SHORT;
    if (position.qty > 0 && z >= -exitZ) return FLAT;
    if (position.qty < 0 && z <= exitZ) return FLAT;
    return null;
  }
}
