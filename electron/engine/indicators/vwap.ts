import { assertPeriod, nanArray } from './period.ts';

/**
 * Volume-weighted average price over the last `period` bars, weighting each bar's typical price
 * (high + low + close) / 3 by its volume; first value at index period - 1. A rolling window rather
 * than a session anchor, so it means the same on every timeframe and venue.
 * A window in which nothing traded has no VWAP (null; NaN in the batch). That is decided by
 * counting the bars that traded, because running sums keep rounding crumbs (0.1 + 0.2 - 0.1 - 0.2
 * is 4e-17, not 0) and dividing one crumb by another prints a price from nowhere. For the same
 * reason the sums are rebuilt from the window every `period` bars, and at once when a bar leaves
 * holding nearly all of the window's volume or value (a spike of a million, then trickles of 0.001).
 */
export class Vwap {
  readonly period: number;
  readonly #priceVolume: Float64Array;
  readonly #volume: Float64Array;
  #count = 0;
  #next = 0;
  #sumPriceVolume = 0;
  #sumVolume = 0;
  #tradedBars = 0;

  constructor(period: number) {
    assertPeriod(period);
    this.period = period;
    this.#priceVolume = new Float64Array(period);
    this.#volume = new Float64Array(period);
  }

  update(high: number, low: number, close: number, volume: number): number | null {
    const slot = this.#next;
    const leavingVolume = this.#volume[slot]!;
    const leavingPriceVolume = this.#priceVolume[slot]!;
    const priceVolume = ((high + low + close) / 3) * volume;
    this.#sumPriceVolume += priceVolume - leavingPriceVolume;
    this.#sumVolume += volume - leavingVolume;
    if (leavingVolume > 0) this.#tradedBars -= 1;
    if (volume > 0) this.#tradedBars += 1;
    this.#priceVolume[slot] = priceVolume;
    this.#volume[slot] = volume;
    this.#next = (slot + 1) % this.period;
    if (this.#count < this.period) this.#count += 1;
    const spikeLeft = leavingVolume > SPIKE_RATIO * this.#sumVolume || leavingPriceVolume > SPIKE_RATIO * this.#sumPriceVolume;
    if (this.#next === 0 || spikeLeft) this.#rebuild();
    if (this.#count < this.period || this.#tradedBars === 0) return null;
    return this.#sumPriceVolume / this.#sumVolume;
  }

  /** Sums again over the window, oldest first (slots not yet filled hold 0). */
  #rebuild(): void {
    let sumPriceVolume = 0;
    let sumVolume = 0;
    for (let i = 0; i < this.period; i++) {
      const slot = (this.#next + i) % this.period;
      sumPriceVolume += this.#priceVolume[slot]!;
      sumVolume += this.#volume[slot]!;
    }
    this.#sumPriceVolume = sumPriceVolume;
    this.#sumVolume = sumVolume;
  }
}

/** A leaving bar this many times what remains takes ~4 of float's 16 digits with it: rebuild. */
const SPIKE_RATIO = 1e4;

export function vwap(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period: number): Float64Array {
  const indicator = new Vwap(period);
  const out = nanArray(close.length);
  for (let i = 0; i < close.length; i++) out[i] = indicator.update(high[i]!, low[i]!, close[i]!, volume[i]!) ?? Number.NaN;
  return out;
}
