import { assertPeriod, nanArray } from './period.ts';

/**
 * Exponential moving average as TA-Lib computes it (ta_EMA.c, default compatibility): the first
 * value, at index period - 1, is the simple average of the first `period` values; then
 * `prev + (value - prev) * k` with k = 2 / (period + 1), written in TA-Lib's order of operations.
 */
export class Ema {
  readonly period: number;
  readonly #k: number;
  #count = 0;
  #seedSum = 0;
  #value = Number.NaN;

  constructor(period: number) {
    assertPeriod(period);
    this.period = period;
    this.#k = 2 / (period + 1);
  }

  /** Adds a value; returns the EMA once `period` values were seen, else null. */
  update(value: number): number | null {
    if (this.#count < this.period) {
      this.#count += 1;
      this.#seedSum += value;
      if (this.#count < this.period) return null;
      this.#value = this.#seedSum / this.period;
      return this.#value;
    }
    this.#value = (value - this.#value) * this.#k + this.#value;
    return this.#value;
  }
}

/** Batch EMA: NaN for the first `period - 1` values, then the same values as `Ema`. */
export function ema(values: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const length = values.length;
  const out = nanArray(length, period - 1);
  if (length < period) return out;
  const k = 2 / (period + 1);
  let sum = 0;
  for (let i = 0; i < period; i++) sum += values[i]!;
  let value = sum / period;
  out[period - 1] = value;
  for (let i = period; i < length; i++) {
    value = (values[i]! - value) * k + value;
    out[i] = value;
  }
  return out;
}
