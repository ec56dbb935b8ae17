import { Ema, emaInto } from './ema.ts';
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

/** Batch MACD: NaN until index slow + signal - 2, then the same values as `Macd`. */
export function macd(values: Float64Array, fast = 12, slow = 26, signal = 9): MacdSeries {
  assertPeriod(fast, 2, 'fast period');
  assertPeriod(slow, 2, 'slow period');
  assertPeriod(signal, 1, 'signal period');
  const slowPeriod = Math.max(fast, slow);
  const fastPeriod = Math.min(fast, slow);
  const length = values.length;
  const out: MacdSeries = { macd: nanArray(length), signal: nanArray(length), histogram: nanArray(length) };
  const first = slowPeriod + signal - 2;
  if (length <= first) return out;
  const line = nanArray(length);
  const slowEma = nanArray(length);
  emaInto(values, slowPeriod, 0, slowEma);
  emaInto(values, fastPeriod, slowPeriod - fastPeriod, line);
  for (let i = slowPeriod - 1; i < length; i++) line[i] = line[i]! - slowEma[i]!;
  emaInto(line, signal, slowPeriod - 1, out.signal);
  for (let i = first; i < length; i++) {
    const m = line[i]!;
    out.macd[i] = m;
    out.histogram[i] = m - out.signal[i]!;
  }
  return out;
}
