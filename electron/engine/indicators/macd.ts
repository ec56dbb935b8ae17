import { Ema } from './ema.ts';
import { assertPeriod, nanArray } from './period.ts';

export interface MacdValue {
  macd: number;
  signal: number;
  histogram: number;
}

export interface MacdSeries {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/**
 * MACD as TA-Lib computes it (ta_MACD.c): if fast > slow they are swapped; both EMAs start at
 * index slow - 1, the fast one seeded with the average of only the `fast` values ending there (not
 * from the start of the series); the signal is the EMA of the MACD line seeded with its first
 * `signal` values; all three outputs start at index slow + signal - 2 (33 for 12/26/9).
 */
export class Macd {
  readonly #fastPeriod: number;
  readonly #slowPeriod: number;
  readonly #slow: Ema;
  readonly #fast: Ema;
  readonly #signal: Ema;
  #count = 0;

  constructor(fast = 12, slow = 26, signal = 9) {
    assertPeriod(fast, 2, 'fast period');
    assertPeriod(slow, 2, 'slow period');
    assertPeriod(signal, 1, 'signal period');
    this.#fastPeriod = Math.min(fast, slow);
    this.#slowPeriod = Math.max(fast, slow);
    this.#slow = new Ema(this.#slowPeriod);
    this.#fast = new Ema(this.#fastPeriod);
    this.#signal = new Ema(signal);
  }

  update(value: number): MacdValue | null {
    this.#count += 1;
    const slow = this.#slow.update(value);
    // The fast EMA sees only the values from where its seed must start (TA-Lib's alignment).
    const fast = this.#count > this.#slowPeriod - this.#fastPeriod ? this.#fast.update(value) : null;
    if (slow === null || fast === null) return null;
    const macd = fast - slow;
    const signal = this.#signal.update(macd);
    if (signal === null) return null;
    return { macd, signal, histogram: macd - signal };
  }
}

/** Batch MACD: NaN until index slow + signal - 2, then the same values as `Macd` (one pass, same steps). */
export function macd(values: Float64Array, fast = 12, slow = 26, signal = 9): MacdSeries {
  assertPeriod(fast, 2, 'fast period');
  assertPeriod(slow, 2, 'slow period');
  assertPeriod(signal, 1, 'signal period');
  const slowPeriod = Math.max(fast, slow);
  const fastPeriod = Math.min(fast, slow);
  const length = values.length;
  const first = slowPeriod + signal - 2;
  const out: MacdSeries = { macd: nanArray(length, first), signal: nanArray(length, first), histogram: nanArray(length, first) };
  if (length <= first) return out;
  let slowSum = 0;
  for (let i = 0; i < slowPeriod; i++) slowSum += values[i]!;
  let fastSum = 0;
  for (let i = slowPeriod - fastPeriod; i < slowPeriod; i++) fastSum += values[i]!;
  let slowEma = slowSum / slowPeriod;
  let fastEma = fastSum / fastPeriod;
  const slowK = 2 / (slowPeriod + 1);
  const fastK = 2 / (fastPeriod + 1);
  const signalK = 2 / (signal + 1);
  let signalSum = 0;
  let signalEma = 0;
  for (let i = slowPeriod - 1; i < length; i++) {
    if (i >= slowPeriod) {
      const value = values[i]!;
      slowEma = (value - slowEma) * slowK + slowEma;
      fastEma = (value - fastEma) * fastK + fastEma;
    }
    const line = fastEma - slowEma;
    if (i <= first) {
      signalSum += line;
      if (i < first) continue;
      signalEma = signalSum / signal;
    } else {
      signalEma = (line - signalEma) * signalK + signalEma;
    }
    out.macd[i] = line;
    out.signal[i] = signalEma;
    out.histogram[i] = line - signalEma;
  }
  return out;
}
