import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlationMatrix, pearson } from './correlation.ts';

describe('Pearson correlation of daily P&L', () => {
  it('matches a hand-computed value', () => {
    // a = 1,2,3,4 (mean 2.5), b = 2,1,4,3 (mean 2.5): cov sum = (-1.5)(-0.5)+(-0.5)(-1.5)+(0.5)(1.5)+(1.5)(0.5) = 3, var sums 5 and 5.
    expect(pearson([1, 2, 3, 4], [2, 1, 4, 3])).toBeCloseTo(0.6, 12);
    expect(pearson([1, 2, 3], [-2, -4, -6])).toBeCloseTo(-1, 12);
  });

  it('is null for a flat series or a single point, and refuses series of different lengths', () => {
    expect(pearson([5, 5, 5], [1, 2, 3])).toBeNull();
    expect(pearson([1], [1])).toBeNull();
    expect(() => pearson([1, 2], [1])).toThrow(RangeError);
  });

  it('gives a symmetric matrix with 1 on the diagonal, null for a bot that never traded', () => {
    const m = correlationMatrix([[1, 2, 3, 4], [2, 1, 4, 3], [0, 0, 0, 0]]);
    expect(m[0]![0]).toBe(1);
    expect(m[0]![1]).toBeCloseTo(0.6, 12);
    expect(m[1]![0]).toBe(m[0]![1]);
    expect(m[2]).toEqual([null, null, null]);
  });

  it('stays within [-1, 1] for any pair of series', () => {
    const value = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 2, maxLength: 50 }), (pairs) => {
        const r = pearson(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
        if (r !== null) expect(Math.abs(r)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
