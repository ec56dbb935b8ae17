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

/**
 * Batch Donchian: the same monotonic queues as `RollingExtreme`, over indexes into the arrays
 * (a method call and an object per bar made the incremental loop 10x slower). Max and min are
 * exact, so both forms agree to the bit.
 */
export function donchian(high: Float64Array, low: Float64Array, period: number): ChannelSeries {
  assertPeriod(period);
  const length = high.length;
  const out: ChannelSeries = { upper: nanArray(length, period - 1), middle: nanArray(length, period - 1), lower: nanArray(length, period - 1) };
  const highs = new Int32Array(length);
  const lows = new Int32Array(length);
  let highHead = 0;
  let highTail = 0;
  let lowHead = 0;
  let lowTail = 0;
  for (let i = 0; i < length; i++) {
    if (highTail > highHead && highs[highHead]! <= i - period) highHead++;
    while (highTail > highHead && high[i]! >= high[highs[highTail - 1]!]!) highTail--;
    highs[highTail++] = i;
    if (lowTail > lowHead && lows[lowHead]! <= i - period) lowHead++;
    while (lowTail > lowHead && low[i]! <= low[lows[lowTail - 1]!]!) lowTail--;
    lows[lowTail++] = i;
    if (i < period - 1) continue;
    const upper = high[highs[highHead]!]!;
    const lower = low[lows[lowHead]!]!;
    out.upper[i] = upper;
    out.middle[i] = (upper + lower) / 2;
    out.lower[i] = lower;
  }
  return out;
}
