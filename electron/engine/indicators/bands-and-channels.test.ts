import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bollinger, bollinger } from './bollinger.ts';
import { Donchian, donchian } from './donchian.ts';
import { Vwap, vwap } from './vwap.ts';
import { ZScore, zScore } from './zscore.ts';
import { refExtreme, refSma, refStd, refVwap } from './testing/reference.ts';
import { closeSeries, expectClose, ohlcSeries, runIncremental } from './testing/series.ts';

const f64 = (values: number[]) => Float64Array.from(values);
const NaN_ = Number.NaN;

/** Relative error against the expected value's own size, for series far from 1 (tiny or huge). */
function expectRelative(actual: ArrayLike<number>, expected: number[], tolerance: number): void {
  expected.forEach((want, i) => {
    if (Number.isNaN(want)) return;
    if (!(Math.abs(actual[i]! - want) <= tolerance * Math.abs(want))) expect.fail(`index ${i}: expected ${want}, got ${actual[i]}`);
  });
}

describe('Bollinger Bands (population standard deviation)', () => {
  it('hand-computed: 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and population std 2', () => {
    const out = bollinger(f64([2, 4, 4, 4, 5, 5, 7, 9]), 8, 2);
    expect(out.middle[7]).toBe(5);
    expectClose([out.upper[7]!, out.lower[7]!], [9, 1]);
  });

  it('batch equals incremental exactly and matches the two-pass definition on random series', () => {
    fc.assert(
      fc.property(closeSeries(300), fc.integer({ min: 2, max: 40 }), fc.double({ min: 0, max: 4, noNaN: true }), (values, n, k) => {
        const batch = bollinger(values, n, k);
        const indicator = new Bollinger(n, k);
        const steps = Array.from(values, (v) => indicator.update(v));
        expect(Float64Array.from(steps, (s) => s?.upper ?? NaN_)).toEqual(batch.upper);
        expect(Float64Array.from(steps, (s) => s?.lower ?? NaN_)).toEqual(batch.lower);
        expect(Float64Array.from(steps, (s) => s?.middle ?? NaN_)).toEqual(batch.middle);
        const middle = refSma(values, n);
        const std = refStd(values, n);
        expectClose(batch.middle, middle);
        expectClose(batch.upper, middle.map((m, i) => m + k * std[i]!));
        expectClose(batch.lower, middle.map((m, i) => m - k * std[i]!));
      }),
    );
  });

  // TA-Lib's E[x²] - E[x]² loses these: at 100 000 the squares' rounding swamps a 0.01 spread, and
  // below 1e-8 of variance it reports bands of zero width.
  it('keeps the width exact for BTC-sized prices with a small spread and for coins priced at 0.00001', () => {
    for (const [base, spread] of [
      [100_000, 0.01],
      [1e-5, 1e-8],
    ] as const) {
      const values = Float64Array.from({ length: 5_000 }, (_, i) => base + spread * Math.sin(i * 0.7) + (spread * i) / 1000);
      const std = refStd(values, 20);
      const width = bollinger(values, 20, 1);
      expectRelative(Array.from(width.upper, (u, i) => u - width.middle[i]!), std, 1e-6);
      expect(width.upper[4_999]! - width.middle[4_999]!).toBeGreaterThan(0);
    }
  });
});

describe('z-score', () => {
  it('hand-computed: 9 against 2, 4, 4, 4, 5, 5, 7, 9 is (9 - 5) / 2 = 2; a flat window reads 0', () => {
    expect(zScore(f64([2, 4, 4, 4, 5, 5, 7, 9]), 8)[7]).toBe(2);
    expect(zScore(f64([3, 3, 3]), 3)[2]).toBe(0);
  });

  it('stays exact in a quiet market right after a 99 % crash (the old spread leaves the window)', () => {
    const values = f64([0.022109904566998524, 0.0001002495863446926, 0.0001]);
    expectRelative(zScore(values, 2), [NaN_, -1, -1], 1e-9);
  });

  it('batch equals incremental exactly and matches the definition on random series', () => {
    fc.assert(
      fc.property(closeSeries(300), fc.integer({ min: 2, max: 40 }), (values, n) => {
        const batch = zScore(values, n);
        const indicator = new ZScore(n);
        expect(runIncremental(values.length, (i) => indicator.update(values[i]!))).toEqual(batch);
        const mean = refSma(values, n);
        const std = refStd(values, n);
        // A window of equal values can carry a rounding crumb of deviation: compare only real spreads.
        const ref = Array.from(values, (v, i) => (std[i]! > 1e-9 * Math.abs(mean[i]!) ? (v - mean[i]!) / std[i]! : NaN_));
        expectClose(Array.from(batch, (z, i) => (Number.isNaN(ref[i]!) ? NaN_ : z)), ref, 1e-6);
      }),
    );
  });
});

describe('VWAP (rolling)', () => {
  it('weights typical prices by volume, and has no value over a window where nothing traded', () => {
    const high = f64([11, 12, 13, 14]);
    const low = f64([9, 10, 11, 12]);
    const close = f64([10, 11, 12, 13]);
    // typical prices 10, 11, 12, 13; window 2: (10*1 + 11*3) / 4 = 10.75; (11*3 + 12*0) / 3 = 11; none
    expectClose(vwap(high, low, close, f64([1, 3, 0, 0]), 2), [NaN_, 10.75, 11, NaN_]);
  });

  it('does not divide by a rounding crumb once the last trade left the window', () => {
    const ones = f64([1, 1, 1, 1, 1]);
    const indicator = new Vwap(2);
    const volumes = [0.1, 0.2, 0, 0, 0];
    expect(volumes.map((v) => indicator.update(1, 1, 1, v))).toEqual([null, 1, 1, null, null]);
    expect(Array.from(vwap(ones, ones, ones, f64(volumes), 2)).slice(3).every(Number.isNaN)).toBe(true);
  });

  it('stays exact after a volume spike at a high price leaves the window (rebuilds its sums)', () => {
    const price = f64([134.2177279, 1e-4, 1e-4, 1e-4]);
    const out = vwap(price, price, price, f64([1e6, 0.001, 1.375, 0]), 3);
    expectRelative(out, [NaN_, NaN_, NaN_, 1e-4], 1e-12);
  });

  it('batch equals incremental exactly and matches the definition on random series', () => {
    fc.assert(
      fc.property(ohlcSeries(200), fc.integer({ min: 1, max: 30 }), ({ high, low, close, volume }, n) => {
        const batch = vwap(high, low, close, volume, n);
        const indicator = new Vwap(n);
        expect(runIncremental(close.length, (i) => indicator.update(high[i]!, low[i]!, close[i]!, volume[i]!))).toEqual(batch);
        expectClose(batch, refVwap(high, low, close, volume, n), 1e-8);
      }),
    );
  });
});

describe('Donchian channel', () => {
  it('is the highest high and lowest low of the last period bars, the current one included', () => {
    const out = donchian(f64([5, 7, 6, 4]), f64([3, 4, 2, 1]), 2);
    expectClose(out.upper, [NaN_, 7, 7, 6]);
    expectClose(out.lower, [NaN_, 3, 2, 1]);
    expectClose(out.middle, [NaN_, 5, 4.5, 3.5]);
  });

  it('batch equals incremental exactly and matches the definition on random series', () => {
    fc.assert(
      fc.property(ohlcSeries(300), fc.integer({ min: 1, max: 40 }), ({ high, low }, n) => {
        const batch = donchian(high, low, n);
        const indicator = new Donchian(n);
        const steps = Array.from(high, (h, i) => indicator.update(h, low[i]!));
        expect(Float64Array.from(steps, (s) => s?.upper ?? NaN_)).toEqual(batch.upper);
        expect(Float64Array.from(steps, (s) => s?.middle ?? NaN_)).toEqual(batch.middle);
        expect(Float64Array.from(steps, (s) => s?.lower ?? NaN_)).toEqual(batch.lower);
        expectClose(batch.upper, refExtreme(high, n, 'max'), 0);
        expectClose(batch.lower, refExtreme(low, n, 'min'), 0);
      }),
    );
  });
});
