import { assertPeriod, nanArray } from './period.ts';
import { RollingMoments, rollingMoments } from './rolling-moments.ts';

/**
 * How many population standard deviations the value sits from the mean of the last `period`
 * values (itself included); first value at index period - 1. A window that did not move has no
 * deviation to measure against: its z-score is 0, so no strategy reads a flat market as extreme.
 */
export class ZScore {
  readonly #moments: RollingMoments;

  constructor(period: number) {
    assertPeriod(period, 2);
    this.#moments = new RollingMoments(period);
  }

  update(value: number): number | null {
    this.#moments.push(value);
    if (!this.#moments.ready) return null;
    // std() first: it may rebuild the sums, and the mean must come from the same sums as in the batch.
    const std = this.#moments.std();
    return zOf(value, this.#moments.mean, std);
  }
}

export function zScore(values: Float64Array, period: number): Float64Array {
  assertPeriod(period, 2);
  const length = values.length;
  const out = nanArray(length, period - 1);
  const std = new Float64Array(length);
  rollingMoments(values, period, out, std);
  for (let i = period - 1; i < length; i++) out[i] = zOf(values[i]!, out[i]!, std[i]!);
  return out;
}

function zOf(value: number, mean: number, std: number): number {
  return std === 0 ? 0 : (value - mean) / std;
}
