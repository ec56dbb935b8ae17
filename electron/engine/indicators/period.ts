/**
 * A period is a whole number of bars, at least `min`. A wrong one is a bug in the caller (the
 * params schemas refuse them before they reach here), so it throws.
 */
export function assertPeriod(period: number, min = 1, label = 'period'): void {
  if (!Number.isInteger(period) || period < min || period > 100_000) {
    throw new RangeError(`${label} must be a whole number from ${min} to 100000, got ${period}`);
  }
}

/** The output array of a batch indicator, NaN before `firstValue` (all NaN by default). */
export const nanArray = (length: number, firstValue = length): Float64Array => new Float64Array(length).fill(Number.NaN, 0, Math.min(firstValue, length));
