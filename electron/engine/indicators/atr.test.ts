import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Atr, atr } from './atr.ts';
import { expectClose, ohlcSeries, runIncremental } from './testing/series.ts';

/** From the definition: TR from bar 1 on; first ATR = mean of TR[1..n] at index n; then Wilder. */
function referenceAtr(high: number[], low: number[], close: number[], n: number): number[] {
  const tr = high.map((h, i) => (i === 0 ? Number.NaN : Math.max(h - low[i]!, Math.abs(h - close[i - 1]!), Math.abs(low[i]! - close[i - 1]!))));
  const out = high.map(() => Number.NaN);
  let previous = Number.NaN;
  for (let i = n; i < high.length; i++) {
    previous = i === n ? tr.slice(1, n + 1).reduce((a, b) => a + b, 0) / n : (previous * (n - 1) + tr[i]!) / n;
    out[i] = previous;
  }
  return out;
}

describe('ATR (TA-Lib, Wilder)', () => {
  it('matches hand-computed values: first value at index period, seeded without the first bar', () => {
    const high = [10, 12, 13, 11, 15];
    const low = [8, 9, 11, 9, 12];
    const close = [9, 11, 12, 10, 14];
    // TR: bar1 max(3, |12-9|, |9-9|)=3; bar2 max(2, 2, 0)=2; bar3 max(2, 1, 3)=3; bar4 max(3, 5, 2)=5
    const out = atr(Float64Array.from(high), Float64Array.from(low), Float64Array.from(close), 3);
    expect(Array.from(out.subarray(0, 3)).every(Number.isNaN)).toBe(true);
    expect(out[3]).toBeCloseTo((3 + 2 + 3) / 3, 12);
    expect(out[4]).toBeCloseTo(((8 / 3) * 2 + 5) / 3, 12);
  });

  it('is the true range itself for period 1, from the second bar', () => {
    const out = atr(Float64Array.from([5, 7]), Float64Array.from([4, 6.5]), Float64Array.from([4.5, 7]), 1);
    expect(Number.isNaN(out[0])).toBe(true);
    expect(out[1]).toBe(2.5);
  });

  it('batch equals incremental exactly, and both match the reference after warm-up', () => {
    fc.assert(
      fc.property(ohlcSeries(400), fc.integer({ min: 1, max: 40 }), ({ high, low, close }, period) => {
        const batch = atr(high, low, close, period);
        const indicator = new Atr(period);
        const incremental = runIncremental(close.length, (i) => indicator.update(high[i]!, low[i]!, close[i]!));
        expect(incremental).toEqual(batch);
        expectClose(batch, referenceAtr([...high], [...low], [...close], period));
      }),
      { numRuns: 60 },
    );
  });

  it('returns only NaN when the series is no longer than the period', () => {
    const series = Float64Array.from([1, 2, 3]);
    expect(Array.from(atr(series, series, series, 3)).every(Number.isNaN)).toBe(true);
  });

  it('refuses a period that is not a whole number of at least 1', () => {
    expect(() => new Atr(0)).toThrow(RangeError);
    expect(() => new Atr(2.5)).toThrow(RangeError);
    expect(() => new Atr(Number.NaN)).toThrow(RangeError);
  });
});
