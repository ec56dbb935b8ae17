import type { Candle } from '../../../shared/domain/candle.ts';
import { Ema } from '../indicators/ema.ts';
import { Sma } from '../indicators/sma.ts';
import { FLAT, LONG, plot } from './signals.ts';
import type { Intent, Plot, Strategy } from './strategy.ts';

/** Long while the fast average of closes is above the slow one; speaks only on the bar where they cross. */
export class MaCrossover implements Strategy {
  readonly warmupBars: number;
  readonly plots: readonly Plot[];
  readonly #fast: Sma | Ema;
  readonly #slow: Sma | Ema;
  #fastValue: number | null = null;
  #slowValue: number | null = null;
  #fastAbove: boolean | null = null;

  constructor(fast: number, slow: number, ma: 'sma' | 'ema' = 'sma') {
    const average = (period: number) => (ma === 'ema' ? new Ema(period) : new Sma(period));
    this.#fast = average(fast);
    this.#slow = average(slow);
    this.warmupBars = slow + 1;
    const label = ma.toUpperCase();
    this.plots = [plot(`${label} ${fast}`, 'price', () => this.#fastValue), plot(`${label} ${slow}`, 'price', () => this.#slowValue)];
  }

  onBar(candle: Candle): Intent | null {
    const fast = (this.#fastValue = this.#fast.update(candle.close));
    const slow = (this.#slowValue = this.#slow.update(candle.close));
    if (fast === null || slow === null) return null;
    const above = fast > slow;
    const previous = this.#fastAbove;
    this.#fastAbove = above;
    if (previous === null || previous === above) return null;
    return above ? LONG : FLAT;
  }
}
