import type { Candle } from '../../../shared/domain/candle.ts';

/** mulberry32: a small, fast, seedable PRNG, so a simulated market replays identically. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const MINUTES_PER_YEAR = 365 * 24 * 60;

/**
 * Geometric Brownian motion, one step per tick. `annualVol` is the yearly volatility; a 1-minute
 * bar is split in `ticksPerBar` steps so its high and low come from the path, not from noise.
 */
export class RandomWalk {
  readonly #random: () => number;
  readonly #stepSigma: number;
  readonly #baseVolume: number;
  #price: number;
  #spare: number | null = null;

  constructor(opts: { seed: number; startPx: number; annualVol: number; ticksPerBar: number }) {
    this.#random = seededRandom(opts.seed);
    this.#price = opts.startPx;
    this.#stepSigma = opts.annualVol / Math.sqrt(MINUTES_PER_YEAR * opts.ticksPerBar);
    this.#baseVolume = 250_000 / opts.startPx;
  }

  get price(): number {
    return this.#price;
  }

  nextPrice(): number {
    const z = this.#gaussian();
    this.#price *= Math.exp(-0.5 * this.#stepSigma * this.#stepSigma + this.#stepSigma * z);
    return this.#price;
  }

  /** Volume for one tick: heavier when the price moved more, as in real markets. */
  tickVolume(move: number): number {
    const surprise = Math.abs(move) / (this.#stepSigma || 1);
    return this.#baseVolume * (0.5 + this.#random()) * (1 + surprise);
  }

  /** A whole closed bar (used to backfill history). */
  nextBar(ts: number, ticksPerBar: number): Candle {
    const open = this.#price;
    let high = open;
    let low = open;
    let volume = 0;
    for (let i = 0; i < ticksPerBar; i++) {
      const before = this.#price;
      const px = this.nextPrice();
      high = Math.max(high, px);
      low = Math.min(low, px);
      volume += this.tickVolume(px / before - 1);
    }
    return { ts, open, high, low, close: this.#price, volume };
  }

  #gaussian(): number {
    if (this.#spare !== null) {
      const value = this.#spare;
      this.#spare = null;
      return value;
    }
    const u = this.#random() || Number.MIN_VALUE;
    const v = this.#random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}
