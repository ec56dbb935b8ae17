import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { chartCandles } from './chart-candles.ts';

const bar = (ts: number, open: number, high: number, low: number, close: number, volume = 1): Candle => ({ ts, open, high, low, close, volume });

describe('chartCandles', () => {
  it('keeps every bar when they fit', () => {
    const bars = [bar(0, 1, 2, 0.5, 1.5), bar(60, 1.5, 3, 1, 2)];
    expect(chartCandles(bars, 2)).toEqual({ per: 1, candles: bars });
  });

  it('merges runs of bars: first open, extreme high and low, last close, summed volume, first time', () => {
    const bars = [bar(0, 10, 11, 9, 10.5, 2), bar(60, 10.5, 14, 10, 12, 3), bar(120, 12, 12.5, 7, 8, 4), bar(180, 8, 9, 7.5, 8.5, 5), bar(240, 8.5, 8.6, 8.4, 8.55, 1)];
    expect(chartCandles(bars, 2)).toEqual({ per: 3, candles: [bar(0, 10, 14, 7, 8, 9), bar(180, 8, 9, 7.5, 8.55, 6)] });
  });

  it('refuses a chart with no room', () => {
    expect(() => chartCandles([], 0)).toThrow(RangeError);
  });

  it('never exceeds the bar budget, and never loses the range high or low (property)', () => {
    const candle = fc.tuple(fc.double({ min: 1e-9, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([low, spread]) => ({ low, high: low * (1 + spread) }));
    fc.assert(
      fc.property(fc.array(candle, { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (ranges, maxBars) => {
        const bars = ranges.map((r, i) => bar(i * 60_000, r.low, r.high, r.low, r.high));
        const { candles } = chartCandles(bars, maxBars);
        expect(candles.length).toBeLessThanOrEqual(maxBars);
        if (bars.length === 0) {
          expect(candles).toEqual([]);
          return;
        }
        expect(Math.max(...candles.map((c) => c.high))).toBe(Math.max(...bars.map((c) => c.high)));
        expect(Math.min(...candles.map((c) => c.low))).toBe(Math.min(...bars.map((c) => c.low)));
        expect(candles[0]!.open).toBe(bars[0]!.open);
        expect(candles.at(-1)!.close).toBe(bars.at(-1)!.close);
      }),
    );
  });
});
