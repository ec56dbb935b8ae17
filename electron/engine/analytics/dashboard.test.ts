import { describe, expect, it } from 'vitest';
import { buildDashboard, type LedgerTrade } from './dashboard.ts';

const DAY = 86_400_000;
const day0 = Date.parse('2026-11-02T00:00:00Z');
const trade = (botId: string, symbol: string, day: number, pnl: number, openedDay = day): LedgerTrade => ({
  botId,
  botName: botId === 'a' ? 'Alpha' : 'Beta',
  symbol,
  pnl,
  fees: 0.5,
  openedAt: day0 + openedDay * DAY + 3_600_000,
  closedAt: day0 + day * DAY + 7_200_000,
});

/** Alpha: +10 (day 0), -20 (day 1), +30 (day 3); Beta: +5 (day 1), +5 (day 2). Capital 1,000. */
const trades = [trade('a', 'BTC/USDT', 0, 10), trade('a', 'BTC/USDT', 1, -20), trade('b', 'ETH/USDT', 1, 5), trade('b', 'ETH/USDT', 2, 5), trade('a', 'BTC/USDT', 3, 30)];
const bots = new Map([['a', 'Alpha'], ['b', 'Beta']]);

describe('the analytics dashboard against hand-computed figures', () => {
  const dash = buildDashboard(trades, new Map([['a', 7]]), bots, 1000);

  it('builds the daily equity curve and its drawdown: 1010, 995, 1000, 1030', () => {
    expect(dash.equity.map((p) => p.equity)).toEqual([1010, 995, 1000, 1030]);
    expect(dash.equity.map((p) => p.ts)).toEqual([0, 1, 2, 3].map((d) => day0 + d * DAY));
    expect(dash.equity[1]!.drawdown).toBeCloseTo(995 / 1010 - 1, 12);
    expect(dash.equity[3]!.drawdown).toBe(0);
  });

  it('gives the total its trade figures, drawdown, exposure and return (realised 30 + unrealised 7 over 1,000)', () => {
    const t = dash.total;
    expect(t).toMatchObject({ realizedPnl: 30, unrealizedPnl: 7, trades: 5, fees: 2.5, winRate: 0.8, profitFactor: 2.5, avgWin: 12.5, avgLoss: -20, maxDrawdown: -15, exposure: 1 });
    expect(t.netReturn).toBeCloseTo(0.037, 12);
    expect(t.maxDrawdownPct).toBeCloseTo(-15 / 1010, 12);
    expect(t.maxDrawdownMs).toBe(2 * DAY);
    // Under 20 days: no honest 95 % tail.
    expect(t.var95).toBeNull();
  });

  it('computes Sharpe and Sortino from the daily returns, annualised by √365.25', () => {
    const r = [10 / 1000, -15 / 1010, 5 / 995, 30 / 1000];
    const mean = r.reduce((s, x) => s + x, 0) / 4;
    const std = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
    const downside = Math.sqrt((15 / 1010) ** 2 / 4);
    expect(dash.total.sharpe).toBeCloseTo((mean / std) * Math.sqrt(365.25), 10);
    expect(dash.total.sortino).toBeCloseTo((mean / downside) * Math.sqrt(365.25), 10);
  });

  it('gives each bot its own figures and exposure (Alpha in the market 3 days of 4, Beta 2)', () => {
    const [alpha, beta] = dash.bots;
    expect(alpha).toMatchObject({ botId: 'a', name: 'Alpha', realizedPnl: 20, unrealizedPnl: 7, trades: 3, winRate: 2 / 3, exposure: 0.75, profitFactor: 2 });
    expect(beta).toMatchObject({ botId: 'b', name: 'Beta', realizedPnl: 10, unrealizedPnl: 0, trades: 2, winRate: 1, exposure: 0.5, profitFactor: null, avgLoss: null });
  });

  it('correlates the bots’ daily P&L: Alpha 10, -20, 0, 30 against Beta 0, 5, 5, 0 is -150 / √(1300 × 25)', () => {
    expect(dash.correlation[0]![0]).toBe(1);
    expect(dash.correlation[0]![1]).toBeCloseTo(-150 / Math.sqrt(1300 * 25), 12);
    expect(dash.correlation[1]![0]).toBe(dash.correlation[0]![1]);
  });

  it('sums P&L per day, per symbol (best first) and per month', () => {
    expect(dash.pnlByDay.map((b) => b.pnl)).toEqual([10, -15, 5, 30]);
    expect(dash.pnlBySymbol).toEqual([{ symbol: 'BTC/USDT', pnl: 20, trades: 3 }, { symbol: 'ETH/USDT', pnl: 10, trades: 2 }]);
    expect(dash.pnlByMonth).toEqual([{ ts: Date.parse('2026-11-01T00:00:00Z'), pnl: 30, trades: 5 }]);
  });

  it('shows a bot with no trade yet, and an empty ledger gives zeros and nulls, not NaN', () => {
    const empty = buildDashboard([], new Map(), new Map([['c', 'Gamma']]), null);
    expect(empty.bots).toHaveLength(1);
    expect(empty.total).toMatchObject({ realizedPnl: 0, trades: 0, winRate: null, sharpe: null, netReturn: null, var95: null });
    expect(JSON.stringify(empty)).not.toContain('NaN');
    expect(empty.correlation).toEqual([[null]]);
  });

  it('reports VaR once 20 days exist: the worst of 20 daily returns', () => {
    const days = Array.from({ length: 20 }, (_, d) => trade('a', 'BTC/USDT', d, d === 7 ? -40 : 10));
    const dashboard = buildDashboard(days, new Map(), bots, 1000);
    // Equity before day 7 is 1,070; the day's return is -40 / 1,070.
    expect(dashboard.total.var95).toBeCloseTo(40 / 1070, 12);
  });
});
