import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thinCurve } from './thin-curve.ts';

describe('thinCurve', () => {
  it('keeps every point of a short curve', () => {
    expect(thinCurve([0, 1, 2], [5, 4, 6], 10)).toEqual([[0, 5], [1, 4], [2, 6]]);
  });

  it('stays within the budget and keeps the first point, the last point and the deepest trough', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }), fc.integer({ min: 4, max: 500 }), (values, budget) => {
        const ts = values.map((_, i) => i);
        const thin = thinCurve(ts, values, budget);
        expect(thin.length).toBeLessThanOrEqual(budget + 3);
        expect(thin[0]).toEqual([0, values[0]]);
        expect(thin.at(-1)).toEqual([values.length - 1, values.at(-1)]);
        expect(Math.min(...thin.map(([, v]) => v))).toBe(Math.min(...values));
        expect(thin.map(([t]) => t)).toEqual([...thin.map(([t]) => t)].sort((a, b) => a - b));
      }),
    );
  });
});
