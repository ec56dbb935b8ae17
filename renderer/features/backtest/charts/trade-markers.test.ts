import { describe, expect, it } from 'vitest';
import { tradeMarkers } from './run-candle-chart.ts';

const bars = [0, 180, 360, 540];
const trade = (entryTime: number, exitTime: number, side: 'long' | 'short' = 'long', exitReason: 'signal' | 'stop_loss' | 'take_profit' = 'signal') => ({ side, qty: 1, entryTime, exitTime, entryPrice: 1, exitPrice: 1, pnl: 0, fees: 0, exitReason });

describe('trade markers on merged bars', () => {
  it('puts each entry and exit on the drawn bar it happened in, in time order', () => {
    const markers = tradeMarkers(bars, { trades: [trade(200_000, 400_000), trade(400_000, 600_000, 'short', 'stop_loss')], openTrade: null });
    expect(markers.map((m) => [m.time, m.text, m.shape])).toEqual([
      [180, 'Buy', 'arrowUp'],
      [360, 'Exit', 'arrowDown'],
      [360, 'Sell short', 'arrowDown'],
      [540, 'Stop', 'arrowUp'],
    ]);
  });

  it('marks the open position’s entry, and drops moments before the first bar', () => {
    const markers = tradeMarkers(bars, { trades: [trade(-60_000, 10_000, 'long', 'take_profit')], openTrade: { side: 'long', qty: 1, entryTime: 545_000, entryPrice: 1, markPrice: 1, unrealizedPnl: 0, fees: 0 } });
    expect(markers.map((m) => [m.time, m.text])).toEqual([
      [0, 'Target'],
      [540, 'Buy (open)'],
    ]);
  });
});
