import { Sma } from './sma.ts';
import type { Signal, Strategy } from './strategy.ts';

/** Long while the fast SMA is above the slow one; signals only on the bar where they cross. */
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

  onBar(close: number): Signal | null {
    const fast = this.#fast.update(close);
    const slow = this.#slow.update(close);
    if (fast === null || slow === null) return null;
    const above = fast > slow;
    const previous = this.#fastAbove;
    this.#fastAbove = above;
    if (previous === null || previous === above) return null;
    return above ? 'long' : 'flat';
  }
}
