import { assertPeriod, nanArray } from './period.ts';

/**
 * Simple moving average over the last `period` values (TA-Lib SMA: first value at index
 * period - 1), O(1) per update with a ring buffer. TA-Lib keeps one running sum for the whole
 * series, so its float error grows with the series; here the sum is rebuilt from the window every
 * `period` values, so a million bars drift no further than one window. Both forms rebuild at the
 * same bars, in the same order of operations, so they agree to the last bit.
 */
export class Sma {
  readonly period: number;
  readonly #window: Float64Array;
  #count = 0;
  #next = 0;
  #sum = 0;

  constructor(period: number) {
    assertPeriod(period);
    this.period = period;
    this.#window = new Float64Array(period);
  }

  /** Adds a value; returns the average once `period` values were seen, else null. */
  update(value: number): number | null {
    const leaving = this.#window[this.#next]!;
    this.#window[this.#next] = value;
    this.#next = (this.#next + 1) % this.period;
    if (this.#count < this.period) {
      this.#count += 1;
      this.#sum += value;
    } else {
      this.#sum += value - leaving;
    }
    if (this.#next === 0) this.#sum = sumOf(this.#window, 0, this.period);
    return this.#count < this.period ? null : this.#sum / this.period;
  }
}

/** Batch SMA: NaN for the first `period - 1` values, then the same values as `Sma`. */
export function sma(values: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const length = values.length;
  const out = nanArray(length, period - 1);
  if (length < period) return out;
  let sum = sumOf(values, 0, period);
  out[period - 1] = sum / period;
  // Blocks of period - 1 running updates, then the rebuild `Sma` does on every period-th value
  // (written inline: a call inside the hot loop made this 3x slower).
  let i = period;
  while (i < length) {
    const blockEnd = Math.min(i + period - 1, length);
    for (; i < blockEnd; i++) {
      sum += values[i]! - values[i - period]!;
      out[i] = sum / period;
    }
    if (i === length) break;
    sum = 0;
    for (let j = i + 1 - period; j <= i; j++) sum += values[j]!;
    out[i] = sum / period;
    i++;
  }
  return out;
}

/** Left-to-right sum of values[from..to), the order both forms rebuild in. */
export function sumOf(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  return sum;
}
