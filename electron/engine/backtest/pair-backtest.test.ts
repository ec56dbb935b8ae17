import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import type { StrategyParams } from '../../../shared/domain/strategy-params.ts';
import { toColumns } from './candle-columns.ts';
import { alignByTime } from './pair-align.ts';
import { runPairBacktest } from './pair-backtest.ts';

const MIN = 60_000;
const series = (rows: readonly [open: number, close: number][], skip: readonly number[] = []) =>
  toColumns(rows.flatMap(([open, close], i): Candle[] => (skip.includes(i) ? [] : [{ ts: i * MIN, open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 1 }])));

// Costs 4 x 10 bps = 0.4 %, entry 0.1 % net: the gap must exceed 0.5 %. Exit below 0.05 %.
const arbitrage = (feeBps: number): StrategyParams => ({ kind: 'arbitrage', entrySpreadPct: 0.1, exitSpreadPct: 0.05, feeBpsA: feeBps, feeBpsB: feeBps, slippageBps: 0 });

// Spreads at the closes: 0.2 %, 1 % (enter: buy A, sell B), 0.6 % (hold), 0.02 % (exit), 0.
const A = series([[100, 100], [100, 100], [100.1, 100.2], [100.3, 100.4], [100.5, 100.5]]);
const B = series([[100.2, 100.2], [101, 101], [100.9, 100.8], [100.5, 100.42], [100.45, 100.45]]);

describe('pair backtest over two series, checked by hand', () => {
  it('buys A and sells B at the next opens, closes both a bar after the gap narrows, nets both venues\' fees', () => {
    const result = runPairBacktest(A, B, arbitrage(10), { qty: 2, feeRateA: 0.001, feeRateB: 0.001 });
    if (!result.ok) throw new Error(result.error.message);
    const { trades, openLegs, metrics, equity } = result.value;
    // A: long 2 @ 100.1, sold @ 100.5: +0.8, fees 0.2002 + 0.201. B: short 2 @ 100.9, bought @ 100.45: +0.9, fees 0.2018 + 0.2009.
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ entryTime: 2 * MIN, exitTime: 4 * MIN, pnl: 0.8961, fees: 0.8039 });
    expect(trades[0]!.legs.map((l) => [l.leg, l.side, l.entryPrice, l.exitPrice, l.pnl])).toEqual([
      ['a', 'long', 100.1, 100.5, 0.3988],
      ['b', 'short', 100.9, 100.45, 0.4973],
    ]);
    expect(openLegs).toEqual({ a: null, b: null });
    // Capital 2 x (100 + 100.2) = 400.4.
    expect(metrics.initialCapital).toBe(400.4);
    expect(metrics.finalEquity).toBeCloseTo(400.4 + 0.8961, 9);
    expect(metrics).toMatchObject({ trades: 1, wins: 1 });
    // Bar 2 closes: A +0.1 x 2 less its entry fee, B +0.1 x 2 less its entry fee (marked in plain doubles, fees included in realized).
    expect(equity[2]).toBeCloseTo(400.4 + 0.2 + 0.2 - 0.2002 - 0.2018, 9);
    expect(metrics.exposure).toBe(2 / 5);
  });

  it('a strategy blind to fees trades the 0.3 % gap and loses it to them; the fee-aware one stays out', () => {
    const a = series([[100, 100], [100, 100], [100, 100], [100, 100]]);
    const b = series([[100.3, 100.3], [100.3, 100.3], [100.3, 100], [100, 100]]);
    const options = { qty: 1, feeRateA: 0.001, feeRateB: 0.001 };
    const blind = runPairBacktest(a, b, arbitrage(0), options);
    const aware = runPairBacktest(a, b, arbitrage(10), options);
    if (!blind.ok || !aware.ok) throw new Error('backtest refused');
    // In at bar 1's opens (A 100, B 100.3), out at bar 3's opens (both 100): +0.3 gross, fees 0.1 + 0.1003 + 0.1 + 0.1.
    expect(blind.value.trades[0]?.pnl).toBeCloseTo(0.3 - 0.4003, 9);
    expect(aware.value.trades).toEqual([]);
    expect(aware.value.metrics.finalEquity).toBe(aware.value.metrics.initialCapital);
  });

  it('compares only bar times both venues have, and says how many it left out', () => {
    const aligned = alignByTime(series([[1, 1], [2, 2], [3, 3], [4, 4]], [1]), series([[1, 1], [2, 2], [3, 3], [4, 4]], [2]));
    expect([...aligned.a.ts]).toEqual([0, 3 * MIN]);
    expect([...aligned.b.close]).toEqual([1, 4]);
    expect(aligned.dropped).toBe(2);
    const none = runPairBacktest(series([[1, 1]]), toColumns([{ ts: 5 * MIN, open: 1, high: 1, low: 1, close: 1, volume: 1 }]), arbitrage(10), { qty: 1 });
    expect(none.ok ? null : none.error.message).toContain('no bar time in common');
  });

  it('refuses a single-series strategy and a bad bar, naming the venue', () => {
    const single = runPairBacktest(A, B, { kind: 'zscore', period: 20, entryZ: 2, exitZ: 0, allowShort: false }, { qty: 1 });
    expect(single.ok ? null : single.error.message).toContain('two-venue strategy');
    const bad = series([[100, 100], [100, Number.NaN]]);
    const refused = runPairBacktest(A, bad, arbitrage(10), { qty: 1 });
    expect(refused.ok ? null : refused.error.message).toMatch(/^Venue B: .*not a positive number/);
  });
});
