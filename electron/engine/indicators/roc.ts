import { assertPeriod, nanArray } from './period.ts';

/** Remembers the last `period + 1` values so a bar can be compared with the one `period` bars back. */
class Lookback {
  readonly #window: Float64Array;
  #count = 0;
  #next = 0;
  readonly period: number;

  constructor(period: number) {
    assertPeriod(period);
    this.period = period;
    this.#window = new Float64Array(period + 1);
  }

  /** Adds a value; returns the value `period` bars before it, or null while there is none. */
  push(value: number): number | null {
    const size = this.period + 1;
    this.#window[this.#next] = value;
    this.#next = (this.#next + 1) % size;
    if (this.#count < size) this.#count += 1;
    return this.#count < size ? null : this.#window[this.#next]!;
  }
}

/** TA-Lib ROC: percent change over `period` bars, first value at index `period`; 0 when the old price was 0. */
export class Roc {
  readonly #lookback: Lookback;
  constructor(period: number) {
    this.#lookback = new Lookback(period);
  }
  update(value: number): number | null {
    const old = this.#lookback.push(value);
    return old === null ? null : rocOf(value, old);
  }
}

/** TA-Lib MOM: the price change over `period` bars, first value at index `period`. */
export class Momentum {
  readonly #lookback: Lookback;
  constructor(period: number) {
    this.#lookback = new Lookback(period);
  }
  update(value: number): number | null {
    const old = this.#lookback.push(value);
    return old === null ? null : value - old;
  }
}

export function roc(values: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const out = nanArray(values.length);
  for (let i = period; i < values.length; i++) out[i] = rocOf(values[i]!, values[i - period]!);
  return out;
}

export function momentum(values: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const out = nanArray(values.length);
  for (let i = period; i < values.length; i++) out[i] = values[i]! - values[i - period]!;
  return out;
}

const rocOf = (value: number, old: number) => (old !== 0 ? (value / old - 1) * 100 : 0);
