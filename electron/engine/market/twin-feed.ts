import type { Candle } from '../../../shared/domain/candle.ts';
import { seededRandom } from './random-walk.ts';

/**
 * A second venue's price for the same symbol: the leader's price times (1 + gap), where the gap
 * (in basis points) wanders on its own noise and is pulled back towards zero, as arbitrageurs pull
 * two venues together. The gap is an AR(1) process: each step keeps `φ` of it and adds fresh noise,
 * with φ = 0.5^(1 / halfLifeSteps) and the noise sized so the gap's spread settles at `gapBps`.
 */
export class TwinFeed {
  readonly #random: () => number;
  readonly #keep: number;
  readonly #noiseBps: number;
  readonly #maxBps: number;
  #gapBps = 0;

  constructor(opts: { seed: number; gapBps: number; halfLifeSteps: number }) {
    if (!(opts.gapBps >= 0 && opts.halfLifeSteps > 0)) throw new Error(`A twin feed needs a gap of 0 bps or more and a positive half-life; got ${opts.gapBps} bps, ${opts.halfLifeSteps} steps`);
    this.#random = seededRandom(opts.seed);
    this.#keep = 0.5 ** (1 / opts.halfLifeSteps);
    this.#noiseBps = opts.gapBps * Math.sqrt(1 - this.#keep * this.#keep);
    // Kept well inside ±100 %: a price must stay positive whatever the noise draws.
    this.#maxBps = Math.min(5_000, 8 * opts.gapBps);
  }

  /** The current gap to the leader, in basis points. */
  get gapBps(): number {
    return this.#gapBps;
  }

  /** One step: the twin's price for the leader's `leaderPx`. */
  next(leaderPx: number): number {
    // Sum of uniforms: bell-shaped, bounded, cheap (no log or trig per tick).
    const z = (this.#random() + this.#random() + this.#random() - 1.5) * 2;
    const gap = this.#keep * this.#gapBps + this.#noiseBps * z;
    this.#gapBps = Math.max(-this.#maxBps, Math.min(this.#maxBps, gap));
    return leaderPx * (1 + this.#gapBps / 10_000);
  }

  /** The twin of a whole leader bar (history): one step, the bar's prices moved by the same gap. */
  nextBar(leader: Candle): Candle {
    const close = this.next(leader.close);
    const factor = close / leader.close;
    return { ts: leader.ts, open: leader.open * factor, high: leader.high * factor, low: leader.low * factor, close, volume: leader.volume };
  }
}
