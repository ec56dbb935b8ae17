import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Macd, macd } from './macd.ts';
import { Momentum, Roc, momentum, roc } from './roc.ts';
import { Rsi, rsi } from './rsi.ts';
import { refMacd, refRsi } from './testing/reference.ts';
import { closeSeries, expectClose, runIncremental } from './testing/series.ts';

const f64 = (values: number[]) => Float64Array.from(values);
const NaN_ = Number.NaN;

describe('RSI (TA-Lib, Wilder)', () => {
  it('first value at index period from the simple averages of the first period changes, then Wilder', () => {
    // changes +1, -2, +3: gain (1+3)/3 = 4/3, loss 2/3 -> 66.67; next change -1: gain 8/9, loss 7/9 -> 53.33
    expectClose(rsi(f64([10, 11, 9, 12, 11]), 3), [NaN_, NaN_, NaN_, (100 * 4) / 6, (100 * 8) / 15]);
  });

  it('reads 0 when nothing moved, as TA-Lib does, and not 0 for a coin priced at 0.00001 that moves', () => {
    expect(rsi(f64([5, 5, 5, 5]), 2)[3]).toBe(0);
    const tiny = f64([1e-5, 1.01e-5, 1.02e-5, 1.01e-5, 1.03e-5]);
    expectClose(rsi(tiny, 3), refRsi(tiny, 3));
    expect(rsi(tiny, 3)[4]).toBeGreaterThan(50);
  });

  it('batch equals incremental exactly and matches the definition on random series', () => {
    fc.assert(
      fc.property(closeSeries(300), fc.integer({ min: 2, max: 40 }), (values, n) => {
        const batch = rsi(values, n);
        const indicator = new Rsi(n);
        expect(runIncremental(values.length, (i) => indicator.update(values[i]!))).toEqual(batch);
        expectClose(batch, refRsi(values, n));
      }),
    );
  });
});

describe('MACD (TA-Lib alignment)', () => {
  it('has its first value at index 33 for 12/26/9', () => {
    const values = Float64Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i) * 5);
    const out = macd(values);
    expect(Number.isNaN(out.macd[32])).toBe(true);
    expect(Number.isNaN(out.signal[32])).toBe(true);
    expect(Number.isFinite(out.macd[33])).toBe(true);
    expect(Number.isFinite(out.histogram[33])).toBe(true);
  });

  it('seeds the fast EMA on the values ending where the slow one starts (hand-computed 2/3/1)', () => {
    // slow 3 seed at index 2: (1+2+4)/3 = 7/3; fast 2 seed from index 1: (2+4)/2 = 3; macd = 2/3; signal 1 = macd
    const out = macd(f64([1, 2, 4]), 2, 3, 1);
    expectClose(out.macd, [NaN_, NaN_, 2 / 3]);
    expectClose(out.histogram, [NaN_, NaN_, 0]);
  });

  it('swaps fast and slow when given the wrong way round, like TA-Lib', () => {
    const values = Float64Array.from({ length: 60 }, (_, i) => 100 + Math.cos(i / 3) * 4);
    expect(macd(values, 26, 12, 9)).toEqual(macd(values, 12, 26, 9));
  });

  it('batch equals incremental exactly and matches the reference on random series', () => {
    const periods = fc.tuple(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 15 }));
    fc.assert(
      fc.property(closeSeries(300), periods, (values, [fast, slow, signal]) => {
        const batch = macd(values, fast, slow, signal);
        const indicator = new Macd(fast, slow, signal);
        const steps = Array.from(values, (v) => indicator.update(v));
        expect(Float64Array.from(steps, (s) => s?.macd ?? NaN_)).toEqual(batch.macd);
        expect(Float64Array.from(steps, (s) => s?.signal ?? NaN_)).toEqual(batch.signal);
        expect(Float64Array.from(steps, (s) => s?.histogram ?? NaN_)).toEqual(batch.histogram);
        const ref = refMacd(values, Math.min(fast, slow), Math.max(fast, slow), signal);
        expectClose(batch.macd, ref.macd);
        expectClose(batch.signal, ref.signal);
        expectClose(batch.histogram, ref.histogram);
      }),
    );
  });
});

describe('ROC and momentum (TA-Lib)', () => {
  it('compare with the value period bars back, from index period', () => {
    expectClose(roc(f64([100, 50, 110, 60]), 2), [NaN_, NaN_, 10, 20]);
    expectClose(momentum(f64([100, 50, 110, 60]), 2), [NaN_, NaN_, 10, 10]);
    expect(roc(f64([0, 1]), 1)[1]).toBe(0);
  });

  it('batch equals incremental exactly on random series', () => {
    fc.assert(
      fc.property(closeSeries(200), fc.integer({ min: 1, max: 30 }), (values, n) => {
        const rocIndicator = new Roc(n);
        const momentumIndicator = new Momentum(n);
        expect(runIncremental(values.length, (i) => rocIndicator.update(values[i]!))).toEqual(roc(values, n));
        expect(runIncremental(values.length, (i) => momentumIndicator.update(values[i]!))).toEqual(momentum(values, n));
        const ref = Array.from(values, (v, i) => (i < n ? NaN_ : (100 * (v - values[i - n]!)) / values[i - n]!));
        expectClose(roc(values, n), ref, 1e-7);
      }),
    );
  });
});
