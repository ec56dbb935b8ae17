import { describe, expect, it } from 'vitest';
import type { BacktestOptions } from './options.ts';
import { type BacktestResult, runStrategy } from './run-backtest.ts';
import { bars, scripted } from './testing.ts';
import type { Intent } from '../strategies/strategy.ts';

const MIN = 60_000;
const run = (rows: [number, number, number, number][], script: Record<number, Intent>, options: Partial<BacktestOptions> = {}): BacktestResult => {
  const result = runStrategy(bars(rows), scripted(script), { qty: 2, ...options });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

// [open, high, low, close]; quiet bars unless a case needs a range.
const quiet = (px: number): [number, number, number, number] => [px, px, px, px];

describe('fill model: a signal on the close of bar t fills at the open of bar t+1', () => {
  it('enters and exits at the next opens, pnl = (exit - entry) x qty', () => {
    const result = run([quiet(100), [101, 103, 100, 102], [104, 105, 103, 104], [106, 107, 105, 106], quiet(107)], { 0: { target: 'long' }, 2: { target: 'flat' } });
    expect(result.trades).toEqual([{ side: 'long', qty: 2, entryTime: 1 * MIN, exitTime: 3 * MIN, entryPrice: 101, exitPrice: 106, pnl: 10, fees: 0, exitReason: 'signal' }]);
    expect(result.openTrade).toBeNull();
    // Capital: 2 x the first open = 200; marked at each close while long.
    expect(Array.from(result.equity)).toEqual([200, 202, 206, 210, 210]);
    expect(result.metrics.exposure).toBe(0.4);
  });

  it('charges the fee on each fill and moves market fills against the trader by the slippage', () => {
    const result = run([quiet(100), quiet(100), quiet(110), quiet(110)], { 0: { target: 'long' }, 1: { target: 'flat' } }, { feeRate: 0.001, slippageBps: 10 });
    const [trade] = result.trades;
    // Buy at 100 x 1.001 = 100.1, sell at 110 x 0.999 = 109.89; fees 0.2002 + 0.21978.
    expect(trade).toMatchObject({ entryPrice: 100.1, exitPrice: 109.89, fees: 0.41998 });
    expect(trade!.pnl).toBeCloseTo((109.89 - 100.1) * 2 - 0.41998, 8);
  });

  it('reverses a long into a short with a close and a new entry at the same open', () => {
    const result = run([quiet(100), quiet(101), quiet(99), quiet(98)], { 0: { target: 'long' }, 1: { target: 'short' } });
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({ side: 'long', entryPrice: 101, exitPrice: 99, pnl: -4 });
    expect(result.openTrade).toMatchObject({ side: 'short', qty: 2, entryPrice: 99, markPrice: 98, unrealizedPnl: 2 });
  });

  it('does not fill a signal from the last bar (there is no next open) and reports the open trade', () => {
    const result = run([quiet(100), quiet(101)], { 0: { target: 'long' }, 1: { target: 'flat' } });
    expect(result.trades).toEqual([]);
    expect(result.openTrade).toMatchObject({ side: 'long', qty: 2, entryTime: MIN, entryPrice: 101, markPrice: 101, unrealizedPnl: 0 });
  });

  it('ignores an intent for the side already held (no second entry)', () => {
    const result = run([quiet(100), quiet(101), quiet(102), quiet(103)], { 0: { target: 'long' }, 1: { target: 'long' } });
    expect(result.openTrade).toMatchObject({ qty: 2, entryPrice: 101 });
  });
});

describe('fill model: stop-loss and take-profit inside the bar', () => {
  const long: Intent = { target: 'long', stopLoss: 95, takeProfit: 110 };

  it('fills a stop the bar reached at the stop price', () => {
    const result = run([quiet(100), quiet(100), [99, 100, 94, 96], quiet(96)], { 0: long });
    expect(result.trades[0]).toMatchObject({ entryPrice: 100, exitPrice: 95, exitReason: 'stop_loss', exitTime: 2 * MIN, pnl: -10 });
  });

  it('fills a take-profit the bar reached at the target price', () => {
    const result = run([quiet(100), quiet(100), [104, 112, 103, 111], quiet(111)], { 0: long });
    expect(result.trades[0]).toMatchObject({ exitPrice: 110, exitReason: 'take_profit', pnl: 20 });
  });

  it('lets the stop win when one bar reached both levels', () => {
    const result = run([quiet(100), quiet(100), [100, 111, 94, 105], quiet(105)], { 0: long });
    expect(result.trades[0]).toMatchObject({ exitPrice: 95, exitReason: 'stop_loss' });
  });

  it('fills at the open when the bar gaps past the stop (no trade happened at the level)', () => {
    const result = run([quiet(100), quiet(100), [90, 92, 88, 91], quiet(91)], { 0: long });
    expect(result.trades[0]).toMatchObject({ exitPrice: 90, exitReason: 'stop_loss', pnl: -20 });
  });

  it('fills at the open when the bar gaps past the take-profit', () => {
    const result = run([quiet(100), quiet(100), [115, 116, 93, 114], quiet(114)], { 0: long });
    expect(result.trades[0]).toMatchObject({ exitPrice: 115, exitReason: 'take_profit' });
  });

  it('checks the levels on the entry bar itself, after the open', () => {
    const result = run([quiet(100), [100, 101, 94, 97], quiet(97)], { 0: long });
    expect(result.trades[0]).toMatchObject({ entryTime: MIN, exitTime: MIN, exitPrice: 95 });
  });

  it('mirrors the levels for a short: the stop above, the target below', () => {
    const result = run([quiet(100), quiet(100), [101, 106, 99, 104], quiet(104)], { 0: { target: 'short', stopLoss: 105, takeProfit: 90 } });
    expect(result.trades[0]).toMatchObject({ side: 'short', exitPrice: 105, exitReason: 'stop_loss', pnl: -10 });
  });

  it('places levels at the given distances from the entry fill when the intent has none', () => {
    const result = run([quiet(100), quiet(200), [199, 200, 189, 190], quiet(190)], { 0: { target: 'long' } }, { stopLossPct: 0.05, takeProfitPct: 0.1 });
    expect(result.trades[0]).toMatchObject({ entryPrice: 200, exitPrice: 190, exitReason: 'stop_loss' });
  });

  it('drops the levels with the position: a later entry without levels is not stopped by old ones', () => {
    const result = run([quiet(100), quiet(100), [99, 100, 94, 96], quiet(96), quiet(96), [96, 96, 80, 80]], { 0: long, 3: { target: 'long' } });
    expect(result.trades).toHaveLength(1);
    expect(result.openTrade).toMatchObject({ entryPrice: 96, markPrice: 80 });
  });

  it('pays slippage on a stop (it is a market order when it fires)', () => {
    const result = run([quiet(100), quiet(100), [99, 100, 94, 96], quiet(96)], { 0: long }, { slippageBps: 100 });
    expect(result.trades[0]!.exitPrice).toBeCloseTo(95 * 0.99, 10);
  });
});

describe('fill model: venue rules', () => {
  it('puts fills on the tick and step, as the paper venue does', () => {
    const result = run([quiet(100), quiet(100.123), quiet(105.456), quiet(105)], { 0: { target: 'long' }, 1: { target: 'flat' } }, { qty: 1.2345, rules: { tickSize: 0.05, stepSize: 0.01 } });
    expect(result.trades[0]).toMatchObject({ qty: 1.23, entryPrice: 100.1, exitPrice: 105.45 });
  });

  it('records an entry refused under the minimum order value, with the reason, and trades nothing', () => {
    const result = run([quiet(100), quiet(100), quiet(100)], { 0: { target: 'long' } }, { qty: 0.05, rules: { minNotional: 10, quote: 'USDT' } });
    expect(result.trades).toEqual([]);
    expect(result.openTrade).toBeNull();
    expect(result.refusedCount).toBe(1);
    expect(result.refusals[0]).toEqual({ ts: MIN, reason: 'Order value 5.00 USDT is below the minimum 10 USDT' });
  });
});

describe('backtest input', () => {
  it('refuses options that are not positive finite numbers, naming each', () => {
    const result = runStrategy(bars([quiet(1)]), scripted({}), { qty: Number.NaN, feeRate: -0.1, slippageBps: Infinity });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues?.map((issue) => issue.path[0])).toEqual(['qty', 'feeRate', 'slippageBps']);
  });

  it('refuses an empty series', () => {
    expect(runStrategy(bars([]), scripted({}), { qty: 1 }).ok).toBe(false);
  });

  it('reports progress up to the whole series', () => {
    const seen: number[] = [];
    runStrategy(bars([quiet(1), quiet(1)]), scripted({}), { qty: 1 }, (done, total) => seen.push(done / total));
    expect(seen.at(-1)).toBe(1);
  });
});

describe('hostile input', () => {
  const columns = (rows: [number, number, number, number][], ts?: number[]) => {
    const c = bars(rows);
    ts?.forEach((t, i) => (c.ts[i] = t));
    return c;
  };

  it.each([
    ['a NaN close', columns([quiet(1), [1, 1, 1, Number.NaN]]), 'has a price that is not a positive number (open 1, high 1, low 1, close NaN)'],
    ['a zero open', columns([quiet(1), [0, 1, 1, 1]]), 'has a price that is not a positive number'],
    ['an infinite high', columns([[1, Infinity, 1, 1]]), 'has a price that is not a positive number'],
    ['bars out of order', columns([quiet(1), quiet(1)], [60_000, 0]), 'Bar 2 has time 1970-01-01T00:00:00.000Z, not after the bar before it (1970-01-01T00:01:00.000Z)'],
    ['two bars at one time', columns([quiet(1), quiet(1)], [0, 0]), 'candles must be in time order, one per time'],
  ])('refuses %s with the bar named, instead of throwing in the ledger', (_, candles, message) => {
    const result = runStrategy(candles, scripted({ 0: { target: 'long' } }), { qty: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
  });

  it('refuses an order size below the ledger resolution (1e-10) instead of throwing on the first fill', () => {
    const result = runStrategy(bars([quiet(1), quiet(1)]), scripted({ 0: { target: 'long' } }), { qty: 1e-12 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('Order size must be at least 1e-10; got 1e-12');
  });

  it('books huge and tiny prices without NaN: 1e-7 and 1e9 per unit', () => {
    for (const px of [1e-7, 1e9]) {
      const result = run([quiet(px), quiet(px), quiet(px * 2), quiet(px * 2)], { 0: { target: 'long' }, 1: { target: 'flat' } }, { qty: 3, feeRate: 0.001 });
      expect(result.trades[0]!.pnl).toBeCloseTo(3 * px - 0.001 * 3 * (px + 2 * px), 8);
      expect(result.equity.every(Number.isFinite)).toBe(true);
    }
  });
});
