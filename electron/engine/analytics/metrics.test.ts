import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics, drawdownSeries } from './metrics.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('metrics on a hand-computed equity curve', () => {
  // Capital 100; equity after each daily bar: up 10 %, down 10 %, part back, a new peak, then 20 % down.
  const equity = [110, 99, 105, 121, 96.8];
  const ts = equity.map((_, i) => i * DAY);
  const trades = [10, -5, 0, 25, -15].map((pnl) => ({ pnl }));
  const metrics = computeMetrics({ ts, equity, initialCapital: 100, barMs: DAY, trades, barsInMarket: 3, buyAndHold: { firstPrice: 100, lastPrice: 150 } });

  it('measures profit, return and growth per year', () => {
    expect(metrics.netProfit).toBeCloseTo(-3.2, 12);
    expect(metrics.netReturn).toBeCloseTo(-0.032, 12);
    // Five days, from the first bar's time to the last bar's end: 0.968 ^ (365.25 / 5) - 1.
    expect(metrics.cagr).toBeCloseTo(-0.9070616727902447, 12);
    expect(metrics.finalEquity).toBe(96.8);
    expect(metrics.bars).toBe(5);
  });

  it('reads the trades: 2 wins of 5, profit factor 35 / 20, expectancy 15 / 5', () => {
    expect(metrics).toMatchObject({ trades: 5, wins: 2, losses: 2, winRate: 0.4, profitFactor: 1.75, avgWin: 17.5, avgLoss: -10, expectancy: 3 });
  });

  it('annualises Sharpe and Sortino by the square root of 365.25 daily bars', () => {
    // Returns 0.1, -0.1, 105/99 - 1, 121/105 - 1, -0.2: mean 0.0025974, sample deviation 0.1473595,
    // downside deviation sqrt((0.01 + 0.04) / 5) = 0.1.
    expect(metrics.sharpe).toBeCloseTo(0.3368652199974559, 10);
    expect(metrics.sortino).toBeCloseTo(0.49640298321081117, 10);
  });

  it('finds the deepest drawdown (24.2, 20 % of the 121 peak) and the longest (2 bars under 110)', () => {
    expect(metrics.maxDrawdown).toBeCloseTo(-24.2, 12);
    expect(metrics.maxDrawdownPct).toBeCloseTo(-0.2, 12);
    expect(metrics.maxDrawdownBars).toBe(2);
    expect(metrics.maxDrawdownMs).toBe(2 * DAY);
  });

  it('reports exposure and buy and hold, and the drawdown series per bar', () => {
    expect(metrics.exposure).toBe(0.6);
    expect(metrics.buyAndHoldReturn).toBe(0.5);
    const drawdown = Array.from(drawdownSeries(equity, 100));
    [0, -0.1, 105 / 110 - 1, 0, -0.2].forEach((expected, i) => expect(drawdown[i]).toBeCloseTo(expected, 12));
  });
});

describe('metrics at the edges', () => {
  it('gives nulls, not NaN or Infinity, with no trades, no bars or a flat curve', () => {
    const empty = computeMetrics({ ts: [], equity: [], initialCapital: 100, barMs: DAY, trades: [] });
    expect(empty).toMatchObject({ netProfit: 0, cagr: null, winRate: null, profitFactor: null, sharpe: null, sortino: null, exposure: null, buyAndHoldReturn: null, maxDrawdown: 0 });
    const flat = computeMetrics({ ts: [0, DAY], equity: [100, 100], initialCapital: 100, barMs: DAY, trades: [{ pnl: 5 }] });
    expect(flat).toMatchObject({ sharpe: null, sortino: null, profitFactor: null, avgLoss: null, winRate: 1, cagr: 0 });
  });

  it('counts a drawdown never recovered up to the last bar', () => {
    const m = computeMetrics({ ts: [0, 60_000, 120_000], equity: [90, 80, 85], initialCapital: 100, barMs: 60_000, trades: [] });
    expect(m).toMatchObject({ maxDrawdownBars: 3, maxDrawdownMs: 180_000 });
    expect(m.maxDrawdownPct).toBeCloseTo(-0.2, 12);
  });

  it('calls a wiped-out account a CAGR of -100 %', () => {
    expect(computeMetrics({ ts: [0, DAY], equity: [50, -10], initialCapital: 100, barMs: DAY, trades: [] }).cagr).toBe(-1);
  });

  it('refuses a series whose times and values do not line up (a caller bug)', () => {
    expect(() => computeMetrics({ ts: [0], equity: [1, 2], initialCapital: 1, barMs: DAY, trades: [] })).toThrow(RangeError);
  });

  it('stays finite for any positive curve, drawdowns within -100 % and 0, Sharpe unchanged by the account size', () => {
    // Whole cents: two equity values that differ only in their last float bits would make a return of
    // 1e-16 whose scaling error is as large as itself, and any Sharpe of it noise.
    const curve = fc.array(fc.integer({ min: 1, max: 1e14 }).map((cents) => cents / 100), { minLength: 2, maxLength: 60 });
    fc.assert(
      fc.property(curve, fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (equity, scale) => {
        const ts = equity.map((_, i) => i * 60_000);
        const m = computeMetrics({ ts, equity, initialCapital: equity[0]!, barMs: 60_000, trades: [] });
        expect(m.maxDrawdownPct).toBeGreaterThanOrEqual(-1);
        expect(m.maxDrawdownPct).toBeLessThanOrEqual(0);
        for (const value of [m.netReturn, m.sharpe, m.sortino, m.cagr]) if (value !== null) expect(Number.isFinite(value)).toBe(true);
        const scaled = computeMetrics({ ts, equity: equity.map((e) => e * scale), initialCapital: equity[0]! * scale, barMs: 60_000, trades: [] });
        if (m.sharpe !== null && scaled.sharpe !== null) expect(Math.abs(scaled.sharpe - m.sharpe)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(m.sharpe)));
      }),
    );
  });
});
