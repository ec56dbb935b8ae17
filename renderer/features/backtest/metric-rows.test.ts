import { describe, expect, it } from 'vitest';
import type { BacktestMetrics } from '../../../shared/contract/backtest.ts';
import { BacktestMetricsSchema } from '../../../shared/contract/backtest.ts';
import { duration, METRIC_ROWS, quoteOf } from './metric-rows.ts';

const metrics: BacktestMetrics = {
  initialCapital: 10_000,
  finalEquity: 11_250.5,
  netProfit: 1_250.5,
  netReturn: 0.12506,
  cagr: 0.0612,
  trades: 40,
  wins: 22,
  losses: 18,
  winRate: 0.55,
  profitFactor: 1.4567,
  avgWin: 180.25,
  avgLoss: -150.75,
  expectancy: 31.2625,
  sharpe: 1.234,
  sortino: 1.876,
  maxDrawdown: -800,
  maxDrawdownPct: -0.0712,
  maxDrawdownBars: 1_440,
  maxDrawdownMs: 86_400_000 + 3_600_000 * 4,
  exposure: 0.623,
  buyAndHoldReturn: -0.05,
  bars: 525_600,
};

const text = (m: BacktestMetrics, quote = 'USDT') => Object.fromEntries(METRIC_ROWS.map((row) => [row.label, row.text(m, quote)]));

describe('the metrics table', () => {
  it('writes each figure with its unit', () => {
    expect(text(metrics)).toEqual({
      'Initial capital': '10,000.00 USDT',
      'Final equity': '11,250.50 USDT',
      'Net profit': '1,250.50 USDT',
      'Net return': '12.51 %',
      CAGR: '6.12 % a year',
      'Buy and hold return': '-5.00 %',
      Trades: '40',
      'Wins / losses': '22 / 18',
      'Win rate': '55.0 %',
      'Profit factor': '1.46',
      'Average win': '180.25 USDT',
      'Average loss': '-150.75 USDT',
      Expectancy: '31.26 USDT per trade',
      'Sharpe ratio': '1.23',
      'Sortino ratio': '1.88',
      'Max drawdown': '-800.00 USDT (-7.12 %)',
      'Longest drawdown': '1,440 bars (1 d 4 h)',
      Exposure: '62.3 % of bars',
      Bars: '525,600',
    });
  });

  it('covers every metric the backtester computes', () => {
    const shown = METRIC_ROWS.map((row) => row.text.toString()).join(' ');
    for (const key of Object.keys(BacktestMetricsSchema.shape)) expect(shown, key).toContain(`m.${key}`);
  });

  it('shows a dash, never NaN or null, for figures a run does not have', () => {
    const empty = { ...metrics, cagr: null, winRate: null, profitFactor: null, avgWin: null, avgLoss: null, expectancy: null, sharpe: null, sortino: null, exposure: null, buyAndHoldReturn: null, trades: 0 };
    const rows = text(empty);
    expect(rows.CAGR).toBe('—');
    expect(rows['Sharpe ratio']).toBe('—');
    expect(rows.Expectancy).toBe('—');
    expect(Object.values(rows).join(' ')).not.toMatch(/NaN|null|undefined|Infinity/);
  });

  it('names no currency for an index', () => {
    expect(quoteOf('SPX')).toBe('');
    expect(text(metrics, quoteOf('SPX'))['Net profit']).toBe('1,250.50');
  });
});

describe('durations', () => {
  it.each([
    [0, '0 min'],
    [30_000, 'under 1 min'],
    [60_000, '1 min'],
    [3_600_000 + 60_000 * 5, '1 h 5 min'],
    [86_400_000 * 400 + 3_600_000, '400 d 1 h'],
    [86_400_000 * 2 + 60_000, '2 d'],
  ])('%d ms reads %s', (ms, words) => expect(duration(ms)).toBe(words));
});
