import { describe, expect, it } from 'vitest';
import type { StoredSeries } from '../../../shared/contract/history.ts';
import { draftForSeries, runInputOf, seriesKey } from './backtest-form-model.ts';

const spx: StoredSeries = { venue: 'sample', symbol: 'SPX', timeframe: '1d', firstTs: Date.UTC(1950, 0, 3), lastTs: Date.UTC(2020, 5, 1), count: 17_000 };
const btc: StoredSeries = { venue: 'sample', symbol: 'BTC/USDT', timeframe: '1m', firstTs: Date.UTC(2025, 0, 1), lastTs: Date.UTC(2025, 11, 31, 23, 59), count: 525_600 };

describe('the backtest form', () => {
  it("starts on the series' whole stored range, both days included", () => {
    const draft = draftForSeries(btc);
    expect(draft).toMatchObject({ series: 'sample|BTC/USDT|1m', from: '2025-01-01', to: '2025-12-31' });
    const result = runInputOf(draft, [spx, btc]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.input).toMatchObject({ venue: 'sample', symbol: 'BTC/USDT', timeframe: '1m', from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1), qty: 1, strategy: { kind: 'ma_crossover' } });
    // Blank options are left to the engine's defaults, not sent as zero.
    expect(result.input.feeBps).toBeUndefined();
    expect(result.input.stopLossPct).toBeUndefined();
  });

  it('keeps the strategy and options when the series changes', () => {
    const draft = { ...draftForSeries(btc), qty: '0.5', feeBps: '7.5', stopLossPct: '2' };
    expect(draftForSeries(spx, draft)).toMatchObject({ series: seriesKey(spx), from: '1950-01-03', to: '2020-06-01', qty: '0.5', feeBps: '7.5', stopLossPct: '2' });
  });

  it('reads percentages as percent and basis points as basis points', () => {
    const result = runInputOf({ ...draftForSeries(spx), feeBps: '10', slippageBps: '0', stopLossPct: '2.5', takeProfitPct: '150', initialCapital: '100000' }, [spx]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.input).toMatchObject({ feeBps: 10, slippageBps: 0, stopLossPct: 0.025, takeProfitPct: 1.5, initialCapital: 100_000 });
  });

  it.each([
    [{ qty: '' }, 'qty', 'Order size is required'],
    [{ qty: 'abc' }, 'qty', 'Order size must be a number'],
    [{ qty: '-1' }, 'qty', 'Order size must be greater than zero'],
    [{ qty: 'Infinity' }, 'qty', 'Order size'],
    [{ feeBps: '-1' }, 'feeBps', 'Fee cannot be negative'],
    [{ feeBps: '1e9' }, 'feeBps', 'Fee must be at most 1000 bps (10 %)'],
    [{ slippageBps: 'NaN' }, 'slippageBps', 'Slippage must be a number'],
    [{ stopLossPct: '100' }, 'stopLossPct', 'Stop-loss distance must be under 100 %'],
    [{ stopLossPct: '0' }, 'stopLossPct', 'Stop-loss distance must be greater than zero'],
    [{ takeProfitPct: '20000' }, 'takeProfitPct', 'Take-profit distance must be at most 10,000 %'],
    [{ initialCapital: '0' }, 'initialCapital', 'Initial capital must be greater than zero'],
    [{ from: '2020-02-30' }, 'from', 'Give the first day as YYYY-MM-DD'],
    [{ to: 'yesterday' }, 'to', 'Give the last day as YYYY-MM-DD'],
    [{ from: '2020-01-02', to: '2020-01-01' }, 'to', 'The last day must not be before the first'],
    [{ series: 'gone|XYZ|1m' }, 'series', 'Pick a stored series'],
  ])('refuses %o with a message on the field', (change, field, message) => {
    const result = runInputOf({ ...draftForSeries(spx), ...change }, [spx]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toContain(message);
  });

  it('refuses strategy parameters the schema refuses, on their own field', () => {
    const draft = draftForSeries(spx);
    const result = runInputOf({ ...draft, strategy: { kind: 'ma_crossover', values: { ...draft.strategy.values, fast: '30', slow: '10' } } }, [spx]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).some((key) => key.startsWith('strategy'))).toBe(true);
  });

  it('takes a one-day range (the same first and last day)', () => {
    const result = runInputOf({ ...draftForSeries(btc), from: '2025-03-01', to: '2025-03-01' }, [btc]);
    expect(result.ok && result.input.to - result.input.from).toBe(86_400_000);
  });
});
