import { describe, expect, it } from 'vitest';
import type { Position } from '../../../shared/domain/position.ts';
import { positionLevels } from './position-levels.ts';

const position = (over: Partial<Position>): Position => ({
  botId: 'b1',
  symbol: 'BTC/USDT',
  side: 'LONG',
  qty: 0.5,
  avgPxOpen: 65_000,
  realizedPnl: 0,
  unrealizedPnl: 0,
  lastPx: 65_100,
  stopLoss: null,
  takeProfit: null,
  closeError: null,
  dust: false,
  exchangeStop: null,
  exchangeStopProblem: null,
  ...over,
});

describe('positionLevels', () => {
  it("draws the open position's entry, stop-loss and take-profit", () => {
    expect(positionLevels([position({ stopLoss: 64_000, takeProfit: 67_500 })], 'BTC/USDT')).toEqual([
      { title: 'Long entry', price: 65_000, kind: 'entry' },
      { title: 'Stop-loss', price: 64_000, kind: 'stop' },
      { title: 'Take-profit', price: 67_500, kind: 'target' },
    ]);
  });

  it('labels a short, and keeps tiny prices as they are', () => {
    expect(positionLevels([position({ side: 'SHORT', qty: -3, avgPxOpen: 1e-7, stopLoss: 1.2e-7 })], 'BTC/USDT')).toEqual([
      { title: 'Short entry', price: 1e-7, kind: 'entry' },
      { title: 'Stop-loss', price: 1.2e-7, kind: 'stop' },
    ]);
  });

  it('draws nothing for a flat position, another symbol, or a level that is NaN, infinite or not above zero', () => {
    expect(positionLevels([position({ side: 'FLAT', qty: 0 })], 'BTC/USDT')).toEqual([]);
    expect(positionLevels([position({})], 'ETH/USDT')).toEqual([]);
    expect(positionLevels([position({ avgPxOpen: Number.NaN, stopLoss: Number.POSITIVE_INFINITY, takeProfit: 0 })], 'BTC/USDT')).toEqual([]);
  });
});
