import { assertPeriod, nanArray } from './period.ts';
import { RollingExtreme } from './rolling-extreme.ts';

export interface ChannelValue {
  upper: number;
  middle: number;
  lower: number;
}

export interface ChannelSeries {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Donchian channel: the highest high and lowest low of the last `period` bars, the current one
 * included (TradingView's definition), and their midpoint; first value at index period - 1.
 * A breakout strategy compares a close with the previous bar's channel.
 */
export class Donchian {
  readonly period: number;
  readonly #highest: RollingExtreme;
  readonly #lowest: RollingExtreme;
  #count = 0;

  constructor(period: number) {
    assertPeriod(period);
    this.period = period;
    this.#highest = new RollingExtreme(period, 'max');
    this.#lowest = new RollingExtreme(period, 'min');
  }

  update(high: number, low: number): ChannelValue | null {
    const upper = this.#highest.push(high);
    const lower = this.#lowest.push(low);
    if (this.#count < this.period) this.#count += 1;
    if (this.#count < this.period) return null;
    return { upper, middle: (upper + lower) / 2, lower };
  }
}

export function donchian(high: Float64Array, low: Float64Array, period: number): ChannelSeries {
  const channel = new Donchian(period);
  const out: ChannelSeries = { upper: nanArray(high.length), middle: nanArray(high.length), lower: nanArray(high.length) };
  for (let i = 0; i < high.length; i++) {
    const value = channel.update(high[i]!, low[i]!);
    if (value === null) continue;
    out.upper[i] = value.upper;
    out.middle[i] = value.middle;
    out.lower[i] = value.lower;
  }
  return out;
}
