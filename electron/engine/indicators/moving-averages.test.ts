import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ema, ema } from './ema.ts';
import { Sma, sma } from './sma.ts';
import { Wma, wma } from './wma.ts';
import { refEma, refSma, refWma } from './testing/reference.ts';
import { closeSeries, expectClose, runIncremental } from './testing/series.ts';

const period = fc.integer({ min: 1, max: 50 });
const f64 = (values: number[]) => Float64Array.from(values);

describe('SMA', () => {
  it('starts at index period - 1 with the plain average', () => {
    expectClose(sma(f64([1, 2, 3, 4, 5]), 3), [Number.NaN, Number.NaN, 2, 3, 4]);
  });

  it('batch equals incremental exactly and matches the definition on random series', () => {
    fc.assert(
      fc.property(closeSeries(300), period, (values, n) => {
        const batch = sma(values, n);
        const indicator = new Sma(n);
        expect(runIncremental(values.length, (i) => indicator.update(values[i]!))).toEqual(batch);
        expectClose(batch, refSma(values, n));
      }),
    );
  });

  it('does not drift over a million values: the last average equals a fresh sum of its window', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => 50_000 + 10_000 * Math.sin(i / 97) + (i % 7) * 1e-3);
    const out = sma(values, 20);
    expectClose([out[values.length - 1]!], [refSma(values.subarray(values.length - 20), 20)[19]!], 1e-12);
  });
});

describe('EMA (TA-Lib seeding)', () => {
  it('seeds with the average of the first period values, then smooths with k = 2 / (period + 1)', () => {
    // period 3, k = 0.5: seed (2+4+6)/3 = 4 at index 2; then 4 + (8-4)/2 = 6; 6 + (12-6)/2 = 9
    expectClose(ema(f64([2, 4, 6, 8, 12]), 3), [Number.NaN, Number.NaN, 4, 6, 9]);
  });

  it('batch equals incremental exactly and matches the textbook form on random series', () => {
    fc.assert(
      fc.property(closeSeries(300), period, (values, n) => {
        const batch = ema(values, n);
        const indicator = new Ema(n);
        expect(runIncremental(values.length, (i) => indicator.update(values[i]!))).toEqual(batch);
        expectClose(batch, refEma(values, n));
      }),
    );
  });
});

describe('WMA', () => {
  it('weights the newest value most: (1*1 + 2*2 + 3*6) / 6', () => {
    expectClose(wma(f64([1, 2, 6]), 3), [Number.NaN, Number.NaN, 23 / 6]);
  });

  it('batch equals incremental exactly and matches the definition on random series', () => {
    fc.assert(
      fc.property(closeSeries(300), period, (values, n) => {
        const batch = wma(values, n);
        const indicator = new Wma(n);
        expect(runIncremental(values.length, (i) => indicator.update(values[i]!))).toEqual(batch);
        expectClose(batch, refWma(values, n));
      }),
    );
  });
});
