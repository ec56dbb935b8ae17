import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barAt, chartPoints, drawdownPercent } from './chart-points.ts';

describe('chart points', () => {
  it('converts to seconds and keeps the later value of two points in one second', () => {
    expect(chartPoints([[1500, 1], [1900, 2], [3000, 3]])).toEqual([{ time: 1, value: 2 }, { time: 3, value: 3 }]);
  });

  it('drops NaN, Infinity and times that go backwards', () => {
    expect(chartPoints([[1000, Number.NaN], [2000, 5], [1000, 6], [3000, Number.POSITIVE_INFINITY], [4000, 7]])).toEqual([{ time: 2, value: 5 }, { time: 4, value: 7 }]);
  });

  it('always gives strictly ascending times and finite values (property)', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e-12, 1e15));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1e7 }), value)), (pairs) => {
        const points = chartPoints(pairs);
        for (let i = 1; i < points.length; i++) expect(points[i]!.time).toBeGreaterThan(points[i - 1]!.time);
        for (const p of points) expect(Number.isFinite(p.value)).toBe(true);
      }),
    );
  });
});

describe('drawdown in percent', () => {
  it('measures from the running peak, which starts at the initial capital', () => {
    expect(drawdownPercent([[1, 90], [2, 120], [3, 90], [4, 130]], 100)).toEqual([[1, -10], [2, 0], [3, -25], [4, 0]]);
  });
});

describe('the bar a moment belongs to', () => {
  const bars = [60, 240, 420];
  it.each([
    [59_999, null],
    [60_000, 60],
    [239_999, 60],
    [240_000, 240],
    [10_000_000, 420],
  ])('%d ms is on bar %s', (ms, bar) => expect(barAt(bars, ms)).toBe(bar));

  it('is null with no bars', () => expect(barAt([], 1000)).toBeNull());
});
