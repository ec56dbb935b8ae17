import type { Candle } from '../../../shared/domain/candle.ts';
import { Sma } from '../indicators/sma.ts';
import type { Intent, Strategy } from './strategy.ts';

const LONG: Intent = { target: 'long' };
const FLAT: Intent = { target: 'flat' };

/** Long while the fast SMA of closes is above the slow one; speaks only on the bar where they cross. */
export class MaCrossover implements Strategy {
  readonly warmupBars: number;
  readonly #fast: Sma;
  readonly #slow: Sma;
  #fastAbove: boolean | null = null;

  constructor(fast: number, slow: number) {
    this.#fast = new Sma(fast);
    this.#slow = new Sma(slow);
    this.warmupBars = slow + 1;
  }

  onBar(candle: Candle): Intent | null {
    const fast = this.#fast.update(candle.close);
    const slow = this.#slow.update(candle.close);
    if (fast === null || slow === null) return null;
    const above = fast > slow;
    const previous = this.#fastAbove;
    this.#fastAbove = above;
    if (previous === null || previous === above) return null;
    return above ? LONG : FLAT;
  }
}
