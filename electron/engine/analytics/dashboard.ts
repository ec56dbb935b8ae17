import type { Dashboard, Performance } from '../../../shared/contract/analytics.ts';
import { roundQuote } from '../execution/precision.ts';
import { correlationMatrix } from './correlation.ts';
import { computeMetrics, drawdownSeries } from './metrics.ts';
import { bucketPnl, DAY_MS } from './pnl-buckets.ts';
import { historicalVaR } from './value-at-risk.ts';

/** A closed trade as the dashboard reads it from the ledger. */
export interface LedgerTrade {
  botId: string;
  botName: string;
  symbol: string;
  pnl: number;
  fees: number;
  openedAt: number;
  closedAt: number;
}

interface DayGrid {
  first: number;
  days: Float64Array;
}

/** One point per UTC day from the first trade's day to the last's, gaps included: a day without a trade is a flat day. */
function dayGrid(trades: readonly LedgerTrade[]): DayGrid {
  if (trades.length === 0) return { first: 0, days: new Float64Array(0) };
  let min = Infinity;
  let max = -Infinity;
  for (const t of trades) {
    min = Math.min(min, t.openedAt, t.closedAt);
    max = Math.max(max, t.closedAt);
  }
  const first = Math.floor(min / DAY_MS);
  const count = Math.floor(max / DAY_MS) - first + 1;
  return { first, days: Float64Array.from({ length: count }, (_, i) => (first + i) * DAY_MS) };
}

function dailyPnl(trades: readonly LedgerTrade[], grid: DayGrid): Float64Array {
  const pnl = new Float64Array(grid.days.length);
  for (const t of trades) pnl[Math.floor(t.closedAt / DAY_MS) - grid.first]! += t.pnl;
  return pnl;
}

function daysInMarket(trades: readonly LedgerTrade[], grid: DayGrid): number {
  const held = new Uint8Array(grid.days.length);
  for (const t of trades) for (let d = Math.floor(t.openedAt / DAY_MS); d <= Math.floor(t.closedAt / DAY_MS); d++) held[d - grid.first] = 1;
  return held.reduce((sum, v) => sum + v, 0);
}

function equityOf(pnl: Float64Array, capital: number): Float64Array {
  const equity = new Float64Array(pnl.length);
  let running = capital;
  for (let i = 0; i < pnl.length; i++) equity[i] = running += pnl[i]!;
  return equity;
}

/** One scope's figures: computeMetrics over its daily equity (the backtester's code), VaR beside it. */
function performance(scope: { botId: string | null; name: string; trades: readonly LedgerTrade[]; unrealized: number }, grid: DayGrid, capital: number | null): Performance {
  const base = capital ?? 0;
  const equity = equityOf(dailyPnl(scope.trades, grid), base);
  const m = computeMetrics({ ts: grid.days, equity, initialCapital: base, barMs: DAY_MS, trades: scope.trades, barsInMarket: daysInMarket(scope.trades, grid) });
  const realized = roundQuote(scope.trades.reduce((sum, t) => sum + t.pnl, 0));
  return {
    botId: scope.botId,
    name: scope.name,
    realizedPnl: realized,
    unrealizedPnl: roundQuote(scope.unrealized),
    netReturn: capital && capital > 0 ? (realized + scope.unrealized) / capital : null,
    winRate: m.winRate,
    profitFactor: m.profitFactor,
    avgWin: m.avgWin,
    avgLoss: m.avgLoss,
    sharpe: m.sharpe,
    sortino: m.sortino,
    maxDrawdown: m.maxDrawdown,
    maxDrawdownPct: m.maxDrawdownPct,
    maxDrawdownMs: m.maxDrawdownMs,
    var95: historicalVaR(equity, base),
    exposure: m.exposure,
    trades: m.trades,
    fees: roundQuote(scope.trades.reduce((sum, t) => sum + t.fees, 0)),
  };
}

function bySymbol(trades: readonly LedgerTrade[]): Dashboard['pnlBySymbol'] {
  const symbols = new Map<string, { symbol: string; pnl: number; trades: number }>();
  for (const t of trades) {
    const entry = symbols.get(t.symbol) ?? { symbol: t.symbol, pnl: 0, trades: 0 };
    entry.pnl += t.pnl;
    entry.trades += 1;
    symbols.set(t.symbol, entry);
  }
  return [...symbols.values()].map((s) => ({ ...s, pnl: roundQuote(s.pnl) })).sort((a, b) => b.pnl - a.pnl);
}

const rounded = <T extends { pnl: number }>(rows: T[]): T[] => rows.map((r) => ({ ...r, pnl: roundQuote(r.pnl) }));

/**
 * The whole dashboard from the closed trades, the open positions' unrealised P&L per bot and the
 * capital returns are measured against. Pure: hand-computed series test it directly.
 */
export function buildDashboard(trades: readonly LedgerTrade[], unrealizedByBot: ReadonlyMap<string, number>, bots: ReadonlyMap<string, string>, capital: number | null): Dashboard {
  const grid = dayGrid(trades);
  const byBot = new Map<string, LedgerTrade[]>();
  for (const id of [...bots.keys(), ...unrealizedByBot.keys()]) byBot.set(id, []);
  for (const t of trades) {
    const rows = byBot.get(t.botId) ?? [];
    rows.push(t);
    byBot.set(t.botId, rows);
  }
  const nameOf = (id: string, rows: readonly LedgerTrade[]) => bots.get(id) ?? rows[0]?.botName ?? id;
  const perBot = [...byBot].map(([id, rows]) => performance({ botId: id, name: nameOf(id, rows), trades: rows, unrealized: unrealizedByBot.get(id) ?? 0 }, grid, capital));
  const unrealized = [...unrealizedByBot.values()].reduce((sum, v) => sum + v, 0);
  const totalDaily = dailyPnl(trades, grid);
  const equity = equityOf(totalDaily, capital ?? 0);
  const drawdown = drawdownSeries(equity, capital ?? 0);
  return {
    capital,
    total: performance({ botId: null, name: 'All bots', trades, unrealized }, grid, capital),
    bots: perBot,
    equity: Array.from(grid.days, (ts, i) => ({ ts, equity: roundQuote(equity[i]!), drawdown: drawdown[i]! })),
    pnlByDay: rounded(bucketPnl(trades, 'day')),
    pnlByWeek: rounded(bucketPnl(trades, 'week')),
    pnlByMonth: rounded(bucketPnl(trades, 'month')),
    pnlBySymbol: bySymbol(trades),
    correlation: correlationMatrix(perBot.map((bot) => dailyPnl(byBot.get(bot.botId!) ?? [], grid))),
  };
}
