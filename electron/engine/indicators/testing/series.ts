import fc from 'fast-check';
import { expect } from 'vitest';

const price = fc.double({ min: 0.0001, max: 1e6, noNaN: true, noDefaultInfinity: true });

/** Random closes from tiny to huge prices, as Float64Array. */
export const closeSeries = (maxLength: number) =>
  fc.array(price, { minLength: 0, maxLength }).map((values) => Float64Array.from(values));

/** Random coherent bars: low <= open, close <= high; volume may be zero. */
export const ohlcSeries = (maxLength: number) =>
  fc
    .array(fc.tuple(price, fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e6, noNaN: true }))), { minLength: 0, maxLength })
    .map((bars) => {
      const high = new Float64Array(bars.length);
      const low = new Float64Array(bars.length);
      const close = new Float64Array(bars.length);
      const volume = new Float64Array(bars.length);
      bars.forEach(([base, spread, where, vol], i) => {
        low[i] = base;
        high[i] = base * (1 + spread);
        close[i] = base + (high[i]! - base) * where;
        volume[i] = vol;
      });
      return { high, low, close, volume };
    });

/** Runs an incremental indicator over `length` bars into the batch layout (NaN where it said null). */
export function runIncremental(length: number, step: (i: number) => number | null): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = step(i) ?? Number.NaN;
  return out;
}

/** Same warm-up (NaN in the same places) and values within 1e-9 relative to their size. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i]!;
    const got = actual[i]!;
    if (Number.isNaN(want)) {
      if (!Number.isNaN(got)) expect.fail(`index ${i}: expected NaN (warm-up), got ${got}`);
      continue;
    }
    const scale = Math.max(1, Math.abs(want));
    if (!(Math.abs(got - want) <= tolerance * scale)) expect.fail(`index ${i}: expected ${want}, got ${got}`);
  }
}
