import type { z } from 'zod';
import type { RsiParamsSchema } from '../../../shared/domain/strategy-params.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { Rsi } from '../indicators/rsi.ts';
import { FLAT, LONG, SHORT, crossedAbove, crossedBelow, plot } from './signals.ts';
import type { Intent, Plot, Strategy, StrategyPosition } from './strategy.ts';

type Params = z.infer<typeof RsiParamsSchema>;

/**
 * Buys on the bar the RSI falls below `oversold`; a long is closed while the RSI is above
 * `overbought`. With `allowShort`, the mirror: sells short on the bar it rises above `overbought`,
 * covers while it is below `oversold`.
 */
export class RsiReversion implements Strategy {
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  readonly #rsi: Rsi;
  readonly #params: Params;
  #last: number | null = null;

  constructor(params: Params) {
    this.#params = params;
    this.#rsi = new Rsi(params.period);
    // The first RSI comes at index `period`; a crossing needs the one before it too.
    this.warmupBars = params.period + 2;
    this.plots = [
      plot(`RSI ${params.period}`, 'below', () => this.#last),
      plot('Oversold', 'below', () => params.oversold),
      plot('Overbought', 'below', () => params.overbought),
    ];
  }

  onBar(candle: Candle, position: StrategyPosition): Intent | null {
    const previous = this.#last;
    const rsi = (this.#last = this.#rsi.update(candle.close));
    if (rsi === null) return null;
    const { oversold, overbought, allowShort } = this.#params;
    if (crossedBelow(previous, rsi, oversold)) return LONG;
    if (allowShort && crossedAbove(previous, rsi, overbought)) return SHORT;
    if (position.qty > 0 && rsi > overbought) return FLAT;
    if (position.qty < 0 && rsi < oversold) return FLAT;
    return null;
  }
}
