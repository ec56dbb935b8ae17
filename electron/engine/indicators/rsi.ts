import { assertPeriod, nanArray } from './period.ts';

/**
 * Relative strength index as TA-Lib computes it (ta_RSI.c): the average gain and loss of the
 * first `period` changes seed Wilder's smoothing; the first value is at index `period`;
 * RSI = 100 * gain / (gain + loss), 0 when nothing moved.
 * One deliberate difference: TA-Lib also says 0 when gain + loss is below 1e-8 (TA_IS_ZERO),
 * which pins the RSI of a coin priced around 0.00001 at 0 (oversold) forever; here only a market
 * that did not move at all reads 0.
 */
export class Rsi {
  readonly period: number;
  #previous = Number.NaN;
  #changes = -1;
  #gain = 0;
  #loss = 0;

  constructor(period: number) {
    assertPeriod(period, 2);
    this.period = period;
  }

  update(value: number): number | null {
    const change = value - this.#previous;
    this.#previous = value;
    this.#changes += 1;
    if (this.#changes === 0) return null;
    const period = this.period;
    if (this.#changes <= period) {
      if (change < 0) this.#loss -= change;
      else this.#gain += change;
      if (this.#changes < period) return null;
      this.#loss /= period;
      this.#gain /= period;
    } else {
      this.#loss *= period - 1;
      this.#gain *= period - 1;
      if (change < 0) this.#loss -= change;
      else this.#gain += change;
      this.#loss /= period;
      this.#gain /= period;
    }
    return rsiOf(this.#gain, this.#loss);
  }
}

/** Batch RSI: NaN for the first `period` values, then the same values as `Rsi`. */
export function rsi(values: Float64Array, period: number): Float64Array {
  assertPeriod(period, 2);
  const out = nanArray(values.length);
  if (values.length <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = values[i]! - values[i - 1]!;
    if (change < 0) loss -= change;
    else gain += change;
  }
  loss /= period;
  gain /= period;
  out[period] = rsiOf(gain, loss);
  for (let i = period + 1; i < values.length; i++) {
    const change = values[i]! - values[i - 1]!;
    loss *= period - 1;
    gain *= period - 1;
    if (change < 0) loss -= change;
    else gain += change;
    loss /= period;
    gain /= period;
    out[i] = rsiOf(gain, loss);
  }
  return out;
}

function rsiOf(gain: number, loss: number): number {
  const total = gain + loss;
  return total === 0 ? 0 : 100 * (gain / total);
}
