import { describe, expect, it } from 'vitest';
import type { Fill } from '../../shared/domain/order.ts';
import { barOf, tradeMarkers } from './trade-snippet.ts';

const bar = (ts: number) => ({ ts, open: 1, high: 1, low: 1, close: 1, volume: 0 });
const candles = [bar(60_000), bar(120_000), bar(180_000)];
const fill = (side: 'BUY' | 'SELL', tsEvent: number): Fill => ({ fillId: `f${tsEvent}`, clientOrderId: 'o', botId: 'b', symbol: 'BTC/USDT', side, lastQty: 0.5, lastPx: 100, fee: 0, tsEvent });

describe('trade snippet markers', () => {
  it('puts a fill on the bar it happened in, and none before the first bar', () => {
    expect(barOf(candles, 150_000)).toBe(120_000);
    expect(barOf(candles, 180_000)).toBe(180_000);
    expect(barOf(candles, 10_000)).toBeNull();
    expect(barOf([], 10_000)).toBeNull();
  });

  it('marks a long’s entry below its bar and its exit above, oldest first, with quantity and price', () => {
    const markers = tradeMarkers(candles, [fill('BUY', 70_000)], [fill('SELL', 200_000), fill('SELL', 5_000)]);
    expect(markers.map((m) => [m.time, m.position, m.text])).toEqual([
      [60, 'belowBar', 'Entry 0.5 @ 100'],
      [180, 'aboveBar', 'Exit 0.5 @ 100'],
    ]);
  });
});
