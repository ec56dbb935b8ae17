import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { toColumns } from './candle-columns.ts';
import { runBacktest } from './run-backtest.ts';

const MIN = 60_000;
const candlesOf = (opens: readonly number[], closes: readonly number[]): Candle[] =>
  closes.map((close, i) => ({ ts: i * MIN, open: opens[i]!, high: Math.max(opens[i]!, close), low: Math.min(opens[i]!, close), close, volume: 1 }));

describe('MA crossover 2/4 run, checked by hand', () => {
  // SMA2 crosses above SMA4 on bar 6 (10 vs 9.75), below on bar 9 (12 vs 12.5), above again on bar 13 (9.5 vs 8).
  const closes = [10, 10, 10, 10, 9, 8, 12, 14, 15, 9, 7, 6, 8, 11, 12, 10];
  const opens = [10, 10, 10, 10, 10, 9, 8, 12.5, 14, 15.5, 8.5, 7, 6.5, 8.2, 11.4, 11.8];
  const candles = toColumns(candlesOf(opens, closes));

  it('buys at the open after each cross above, sells at the open after each cross below', () => {
    const result = runBacktest(candles, { kind: 'ma_crossover', fast: 2, slow: 4 }, { qty: 3 });
    if (!result.ok) throw new Error(result.error.message);
    const { trades, openTrade, metrics } = result.value;
    expect(trades).toEqual([{ side: 'long', qty: 3, entryTime: 7 * MIN, exitTime: 10 * MIN, entryPrice: 12.5, exitPrice: 8.5, pnl: -12, fees: 0, exitReason: 'signal' }]);
    expect(openTrade).toEqual({ side: 'long', qty: 3, entryTime: 14 * MIN, entryPrice: 11.4, markPrice: 10, unrealizedPnl: -4.2, fees: 0 });
    // Capital 3 x 10 = 30; the end: 30 - 12 - 4.2.
    expect(metrics.initialCapital).toBe(30);
    expect(metrics.finalEquity).toBeCloseTo(13.8, 10);
    expect(metrics).toMatchObject({ trades: 1, wins: 0, losses: 1, winRate: 0 });
    // In the market on bars 7, 8, 9, 14, 15.
    expect(metrics.exposure).toBe(5 / 16);
    expect(metrics.buyAndHoldReturn).toBe(0);
  });

  it('nets the 10 bps fee of both fills out of the trade', () => {
    const result = runBacktest(candles, { kind: 'ma_crossover', fast: 2, slow: 4 }, { qty: 3, feeRate: 0.001 });
    if (!result.ok) throw new Error(result.error.message);
    // 12.5 x 3 x 0.001 + 8.5 x 3 x 0.001 = 0.0375 + 0.0255.
    expect(result.value.trades[0]).toMatchObject({ pnl: -12.063, fees: 0.063 });
  });
});

/** The same rule from the definitions, the slow way: averages of slices, one pass of if-statements. */
function byDefinition(opens: number[], closes: number[], fast: number, slow: number) {
  const sma = (end: number, period: number) => closes.slice(end - period + 1, end + 1).reduce((a, b) => a + b, 0) / period;
  const trades: { entryPrice: number; exitPrice: number }[] = [];
  let entry: number | null = null;
  for (let t = slow; t < closes.length - 1; t++) {
    const wasAbove = sma(t - 1, fast) > sma(t - 1, slow);
    const isAbove = sma(t, fast) > sma(t, slow);
    if (!wasAbove && isAbove && entry === null) entry = opens[t + 1]!;
    if (wasAbove && !isAbove && entry !== null) {
      trades.push({ entryPrice: entry, exitPrice: opens[t + 1]! });
      entry = null;
    }
  }
  return trades;
}

describe('MA crossover against its definition', () => {
  it('makes the same trades as the slow reference on random series', () => {
    const price = fc.integer({ min: 1, max: 400 }).map((cents) => cents / 4);
    const series = fc.array(fc.tuple(price, price), { minLength: 6, maxLength: 120 });
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 6 }), (rows, fast, extra) => {
        const slow = fast + extra;
        const opens = rows.map(([open]) => open);
        const closes = rows.map(([, close]) => close);
        const result = runBacktest(toColumns(candlesOf(opens, closes)), { kind: 'ma_crossover', fast, slow }, { qty: 1 });
        if (!result.ok) throw new Error(result.error.message);
        expect(result.value.trades.map(({ entryPrice, exitPrice }) => ({ entryPrice, exitPrice }))).toEqual(byDefinition(opens, closes, fast, slow));
        const booked = result.value.trades.reduce((sum, trade) => sum + trade.pnl, 0) + (result.value.openTrade?.unrealizedPnl ?? 0);
        expect(result.value.metrics.netProfit).toBeCloseTo(booked, 8);
      }),
    );
  });
});
