import type { z } from 'zod';
import type { MomentumParamsSchema } from '../../../shared/domain/strategy-params.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { Roc } from '../indicators/roc.ts';
import { FLAT, LONG, SHORT, crossedAbove, crossedBelow, plot } from './signals.ts';
import { AtrStop } from './atr-stop.ts';
import type { Intent, Plot, Strategy, StrategyPosition } from './strategy.ts';

type Params = z.infer<typeof MomentumParamsSchema>;

/**
 * Buys on the bar the rate of change over `period` bars rises above `rocThresholdPct` %; a long
 * is closed while the rate of change is negative. `allowShort` mirrors it below -threshold.
 * With `stopAtr`, each entry carries a stop-loss that many ATRs (over `period`) from its close.
 */
export class RocMomentum implements Strategy {
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  readonly #roc: Roc;
  readonly #params: Params;
  readonly #stop: AtrStop;
  #last: number | null = null;

  constructor(params: Params) {
    this.#params = params;
    this.#roc = new Roc(params.period);
    this.#stop = new AtrStop(params.period, params.stopAtr);
    // The first ROC comes at index `period`; a crossing needs the one before it too.
    this.warmupBars = params.period + 2;
    this.plots = [plot(`ROC ${params.period} (%)`, 'below', () => this.#last)];
  }

  onBar(candle: Candle, position: StrategyPosition): Intent | null {
    this.#stop.update(candle);
    const previous = this.#last;
    const roc = (this.#last = this.#roc.update(candle.close));
    if (roc === null) return null;
    const threshold = this.#params.rocThresholdPct;
    if (crossedAbove(previous, roc, threshold)) return this.#stop.attach(LONG, candle.close);
    if (this.#params.allowShort && crossedBelow(previous, roc, -threshold)) return this.#stop.attach(SHORT, candle.close);
    if (position.qty > 0 && roc < 0) return FLAT;
    if (position.qty < 0 && roc > 0) return FLAT;
    return null;
  }
}
