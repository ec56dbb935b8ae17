import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../shared/contract/analytics.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { openReader } from '../persistence/open-reader.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { readDashboard } from './dashboard-reader.ts';

const DAY = 86_400_000;
const day0 = Date.parse('2026-11-02T00:00:00Z');

interface HandTrade {
  botId: string;
  symbol: string;
  pnl: number;
  openedAt: number;
  closedAt: number;
  accountId?: string;
}

const trade = (botId: string, symbol: string, day: number, pnl: number, openedDay = day): HandTrade => ({ botId, symbol, pnl, openedAt: day0 + openedDay * DAY + 3_600_000, closedAt: day0 + day * DAY + 7_200_000 });

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A real ledger file with the trades (fees 0.5 each), the bots Alpha, Beta (and Gamma, no trade), and the paper account's first equity. */
async function dashboardOf(trades: readonly HandTrade[], options: { unrealized?: Record<string, number>; capital?: number | null; mode?: 'paper' | 'live' } = {}): Promise<Dashboard> {
  const file = join(tempDir(), 'ledger.sqlite');
  const opened = await openDatabase(file);
  const bot = opened.sqlite.prepare(`insert into bots (id, name, symbol, timeframe, strategy_json, order_qty, account, status, created_at, updated_at) values (?, ?, 'BTC/USDT', '1m', '{}', 1, 'paper', 'stopped', 0, 0)`);
  for (const [id, name] of [['a', 'Alpha'], ['b', 'Beta'], ['c', 'Gamma']]) bot.run(id, name);
  const insert = opened.sqlite.prepare(`insert into trades (bot_id, symbol, side, qty, avg_px_open, avg_px_close, realized_pnl, fees, opened_at, closed_at, account_id, source) values (?, ?, 'LONG', 1, 100, 100, ?, 0.5, ?, ?, ?, 'manual')`);
  for (const t of trades) insert.run(t.botId, t.symbol, t.pnl, t.openedAt, t.closedAt, t.accountId ?? 'paper');
  const capital = options.capital === undefined ? 1000 : options.capital;
  if (capital !== null) opened.sqlite.prepare(`insert into account_equity (account_id, ts, epoch, equity) values ('paper', ?, 0, ?)`).run(day0 - DAY, capital);
  const { reads, close } = openReader(file);
  closers.push(close, opened.close);
  return readDashboard(reads, { mode: options.mode ?? 'paper' }, Object.entries(options.unrealized ?? {}).map(([botId, unrealizedPnl]) => ({ botId, unrealizedPnl })));
}

/** Alpha: +10 (day 0), -20 (day 1), +30 (day 3); Beta: +5 (day 1), +5 (day 2). Capital 1,000. */
const trades = [trade('a', 'BTC/USDT', 0, 10), trade('a', 'BTC/USDT', 1, -20), trade('b', 'ETH/USDT', 1, 5), trade('b', 'ETH/USDT', 2, 5), trade('a', 'BTC/USDT', 3, 30)];

describe('the analytics dashboard against hand-computed figures', () => {
  let dash: Dashboard;
  beforeAll(async () => {
    dash = await dashboardOf(trades, { unrealized: { a: 7 } });
  });

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
    const alpha = dash.bots.find((b) => b.botId === 'a');
    const beta = dash.bots.find((b) => b.botId === 'b');
    expect(alpha).toMatchObject({ botId: 'a', name: 'Alpha', realizedPnl: 20, unrealizedPnl: 7, trades: 3, winRate: 2 / 3, exposure: 0.75, profitFactor: 2 });
    expect(beta).toMatchObject({ botId: 'b', name: 'Beta', realizedPnl: 10, unrealizedPnl: 0, trades: 2, winRate: 1, exposure: 0.5, profitFactor: null, avgLoss: null });
  });

  it('correlates the bots’ daily P&L: Alpha 10, -20, 0, 30 against Beta 0, 5, 5, 0 is -150 / √(1300 × 25)', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((id) => dash.bots.findIndex((bot) => bot.botId === id)) as [number, number, number];
    expect(dash.correlation[a]![a]).toBe(1);
    expect(dash.correlation[a]![b]).toBeCloseTo(-150 / Math.sqrt(1300 * 25), 12);
    expect(dash.correlation[b]![a]).toBe(dash.correlation[a]![b]);
    // Gamma never traded: no correlation to show.
    expect(dash.correlation[c]![a]).toBeNull();
  });

  it('sums P&L per day, per symbol (best first) and per month', () => {
    expect(dash.pnlByDay.map((b) => b.pnl)).toEqual([10, -15, 5, 30]);
    expect(dash.pnlBySymbol).toEqual([{ symbol: 'BTC/USDT', pnl: 20, trades: 3 }, { symbol: 'ETH/USDT', pnl: 10, trades: 2 }]);
    expect(dash.pnlByMonth).toEqual([{ ts: Date.parse('2026-11-01T00:00:00Z'), pnl: 30, trades: 5 }]);
  });

  it('shows a bot with no trade yet, and an empty ledger gives zeros and nulls, not NaN', async () => {
    expect(dash.bots.find((b) => b.botId === 'c')).toMatchObject({ name: 'Gamma', trades: 0, realizedPnl: 0, winRate: null });
    const empty = await dashboardOf([], { capital: null });
    expect(empty.bots).toHaveLength(3);
    expect(empty.total).toMatchObject({ realizedPnl: 0, trades: 0, winRate: null, sharpe: null, netReturn: null, var95: null });
    expect(JSON.stringify(empty)).not.toContain('NaN');
    expect(empty.correlation).toEqual([[null, null, null], [null, null, null], [null, null, null]]);
    expect(empty.equity).toEqual([]);
  });

  it('reports VaR once 20 days exist: the worst of 20 daily returns', async () => {
    const days = Array.from({ length: 20 }, (_, d) => trade('a', 'BTC/USDT', d, d === 7 ? -40 : 10));
    const dashboard = await dashboardOf(days);
    // Equity before day 7 is 1,070; the day's return is -40 / 1,070.
    expect(dashboard.total.var95).toBeCloseTo(40 / 1070, 12);
  });
});

describe('the dashboard keeps paper and live apart, and honours the date range', () => {
  it('counts only the mode asked for and the trades closed in the range', async () => {
    const mixed = [trade('a', 'BTC/USDT', 0, 10), trade('a', 'BTC/USDT', 5, -4), { ...trade('b', 'ETH/USDT', 1, 99), accountId: 'binance-1' }];
    const paper = await dashboardOf(mixed);
    expect(paper.total).toMatchObject({ trades: 2, realizedPnl: 6 });
    const live = await dashboardOf(mixed, { mode: 'live' });
    // Live has no recorded equity here: figures without capital are null, not divided by zero.
    expect(live.total).toMatchObject({ trades: 1, realizedPnl: 99, netReturn: null, sharpe: null });
    expect(live.capital).toBeNull();
  });
});
