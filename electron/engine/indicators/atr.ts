import { assertPeriod, nanArray } from './period.ts';
import { trueRange } from './true-range.ts';

/**
 * Average true range as TA-Lib computes it (ta_ATR.c): the first bar has no true range; the first
 * ATR, at index `period`, is the simple average of the true ranges of bars 1..period; after that
 * Wilder's smoothing `(prev * (period - 1) + tr) / period`, in that order of operations so the
 * floats match TA-Lib's. Period 1 is the plain true range.
 */
export class Atr {
  readonly period: number;
  #previousClose = Number.NaN;
  #trueRanges = -1;
  #seedSum = 0;
  #value = Number.NaN;

  constructor(period: number) {
    assertPeriod(period);
    this.period = period;
  }

  /** Adds a closed bar; returns the ATR once `period + 1` bars were seen, else null. */
  update(high: number, low: number, close: number): number | null {
    const previousClose = this.#previousClose;
    this.#previousClose = close;
    this.#trueRanges += 1;
    if (this.#trueRanges === 0) return null;
    const tr = trueRange(high, low, previousClose);
    if (this.#trueRanges < this.period) {
      this.#seedSum += tr;
      return null;
    }
    if (this.#trueRanges === this.period) {
      this.#value = (this.#seedSum + tr) / this.period;
    } else {
      this.#value = wilder(this.#value, tr, this.period);
    }
    return this.#value;
  }
}

/** Batch ATR over whole series: NaN for the first `period` bars, then the same values as `Atr`. */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  if (high.length !== close.length || low.length !== close.length) throw new RangeError('high, low and close must have the same length');
  const length = close.length;
  const out = nanArray(length);
  if (length <= period) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRange(high[i]!, low[i]!, close[i - 1]!);
  let value = sum / period;
  out[period] = value;
  for (let i = period + 1; i < length; i++) {
    value = wilder(value, trueRange(high[i]!, low[i]!, close[i - 1]!), period);
    out[i] = value;
  }
  return out;
}

/** Wilder's smoothing step, in TA-Lib's order: multiply, add, divide. */
export function wilder(previous: number, next: number, period: number): number {
  let value = previous * (period - 1);
  value += next;
  return value / period;
}
