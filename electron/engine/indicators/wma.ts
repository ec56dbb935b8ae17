import { assertPeriod, nanArray } from './period.ts';

/**
 * Weighted moving average as TA-Lib's WMA: weights 1..period, newest heaviest, divided by
 * period(period+1)/2; first value at index period - 1. O(1) per update by keeping the weighted sum
 * and the plain sum of the window; both are rebuilt from the window every `period` values so float
 * error cannot pile up over a long series.
 */
export class Wma {
  readonly period: number;
  readonly #window: Float64Array;
  #count = 0;
  #next = 0;
  #weighted = 0;
  #plain = 0;

  constructor(period: number) {
    assertPeriod(period);
    this.period = period;
    this.#window = new Float64Array(period);
  }

  update(value: number): number | null {
    const period = this.period;
    const leaving = this.#window[this.#next]!;
    this.#window[this.#next] = value;
    this.#next = (this.#next + 1) % period;
    if (this.#count < period) {
      this.#count += 1;
      this.#weighted += value * this.#count;
      this.#plain += value;
    } else {
      // Every value loses one weight step (minus the old plain sum), the new one enters at `period`.
      this.#weighted += value * period - this.#plain;
      this.#plain += value - leaving;
    }
    if (this.#next === 0) {
      const sums = weightedSums(this.#window, 0, period);
      this.#weighted = sums.weighted;
      this.#plain = sums.plain;
    }
    return this.#count < period ? null : this.#weighted / divisor(period);
  }
}

/** Batch WMA: the same steps as `Wma` (blocks of running updates between the same rebuilds). */
export function wma(values: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const length = values.length;
  const out = nanArray(length, period - 1);
  if (length < period) return out;
  const scale = divisor(period);
  let weighted = 0;
  let plain = 0;
  for (let i = period - 1; i < length; i++) {
    if ((i + 1) % period === 0) {
      weighted = 0;
      plain = 0;
      for (let j = i + 1 - period, weight = 1; j <= i; j++, weight++) {
        weighted += values[j]! * weight;
        plain += values[j]!;
      }
    } else {
      const value = values[i]!;
      weighted += value * period - plain;
      plain += value - values[i - period]!;
    }
    out[i] = weighted / scale;
  }
  return out;
}

const divisor = (period: number) => (period * (period + 1)) / 2;

function weightedSums(values: Float64Array, from: number, to: number) {
  let weighted = 0;
  let plain = 0;
  for (let i = from; i < to; i++) {
    weighted += values[i]! * (i - from + 1);
    plain += values[i]!;
  }
  return { weighted, plain };
}
