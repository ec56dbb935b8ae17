import type { z } from 'zod';
import type { MomentumParamsSchema } from '../../../shared/domain/strategy-params.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { Donchian, type ChannelValue } from '../indicators/donchian.ts';
import { FLAT, LONG, SHORT, plot } from './signals.ts';
import { AtrStop } from './atr-stop.ts';
import type { Intent, Plot, Strategy, StrategyPosition } from './strategy.ts';

type Params = z.infer<typeof MomentumParamsSchema>;

/**
 * Breakout: buys a close above the highest high of the previous `period` bars (the current bar
 * is not in its own channel, or nothing could break out); a long is closed on a close below the
 * previous lowest low. `allowShort` sells that breakdown short instead, and covers on a breakout.
 * With `stopAtr`, each entry carries a stop-loss that many ATRs (over `period`) from its close.
 */
export class DonchianBreakout implements Strategy {
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  readonly #channel: Donchian;
  readonly #allowShort: boolean;
  readonly #stop: AtrStop;
  #latest: ChannelValue | null = null;

  constructor(params: Params) {
    this.#allowShort = params.allowShort;
    this.#channel = new Donchian(params.period);
    this.#stop = new AtrStop(params.period, params.stopAtr);
    // The first channel covers bars 0..period-1; bar `period` is the first that can break it.
    this.warmupBars = params.period + 1;
    this.plots = [
      plot(`Highest ${params.period}`, 'price', () => this.#latest?.upper ?? null),
      plot(`Lowest ${params.period}`, 'price', () => this.#latest?.lower ?? null),
    ];
  }

  onBar(candle: Candle, position: StrategyPosition): Intent | null {
    this.#stop.update(candle);
    const channel = this.#latest;
    this.#latest = this.#channel.update(candle.high, candle.low);
    if (channel === null) return null;
    if (candle.close > channel.upper && position.qty <= 0) return this.#stop.attach(LONG, candle.close);
    if (candle.close < channel.lower) {
      if (this.#allowShort && position.qty >= 0) return this.#stop.attach(SHORT, candle.close);
      if (position.qty > 0) return FLAT;
    }
    return null;
  }
}
