import { assertPeriod, nanArray } from './period.ts';
import { RollingMoments, rollingMoments } from './rolling-moments.ts';

export interface BandsValue {
  upper: number;
  middle: number;
  lower: number;
}

export interface BandsSeries {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Bollinger Bands as TA-Lib's BBANDS with its default SMA: middle = SMA(period), upper/lower =
 * middle ± deviations × population standard deviation; first value at index period - 1.
 * The deviation is computed accurately (see rolling-moments.ts), not with TA-Lib's E[x²] - E[x]².
 */
export class Bollinger {
  readonly #moments: RollingMoments;
  readonly #deviations: number;

  constructor(period = 20, deviations = 2) {
    assertPeriod(period, 2);
    assertDeviations(deviations);
    this.#moments = new RollingMoments(period);
    this.#deviations = deviations;
  }

  update(value: number): BandsValue | null {
    this.#moments.push(value);
    if (!this.#moments.ready) return null;
    // std() first: it may rebuild the sums, and the mean must come from the same sums as in the batch.
    const width = this.#moments.std() * this.#deviations;
    const middle = this.#moments.mean;
    return { upper: middle + width, middle, lower: middle - width };
  }
}

export function bollinger(values: Float64Array, period = 20, deviations = 2): BandsSeries {
  assertPeriod(period, 2);
  assertDeviations(deviations);
  const length = values.length;
  const out: BandsSeries = { upper: nanArray(length, period - 1), middle: nanArray(length, period - 1), lower: nanArray(length, period - 1) };
  const std = out.upper;
  rollingMoments(values, period, out.middle, std);
  for (let i = period - 1; i < length; i++) {
    const width = std[i]! * deviations;
    const middle = out.middle[i]!;
    out.upper[i] = middle + width;
    out.lower[i] = middle - width;
  }
  return out;
}

function assertDeviations(deviations: number): void {
  if (!Number.isFinite(deviations) || deviations < 0) throw new RangeError(`deviations must be a number of at least 0, got ${deviations}`);
}
