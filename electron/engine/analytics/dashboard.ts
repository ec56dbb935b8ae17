import type { Dashboard, Performance } from '../../../shared/contract/analytics.ts';
import { roundQuote } from '../execution/precision.ts';
import { correlationMatrix } from './correlation.ts';
import { computeMetrics, drawdownSeries, type TradeSums } from './metrics.ts';
import { bucketPnl, DAY_MS } from './pnl-buckets.ts';
import { historicalVaR } from './value-at-risk.ts';

/** One bot's closed trades of one UTC day, summed (SQL does it: a million trades become a few thousand rows). */
export interface BotDay extends TradeSums {
  botId: string;
  botName: string;
  /** Days since 1970-01-01 UTC. */
  day: number;
  pnl: number;
  fees: number;
}

/** A span of UTC days in which one of the bot's trades was open (distinct per bot, opening day, closing day). */
export interface HeldSpan {
  botId: string;
  openDay: number;
  closeDay: number;
}

export interface LedgerSummary {
  days: readonly BotDay[];
  held: readonly HeldSpan[];
  symbols: Dashboard['pnlBySymbol'];
}

interface DayGrid {
  first: number;
  days: Float64Array;
}

/** One point per UTC day from the first day a trade was open to the last day one closed: a day without a trade is a flat day. */
function dayGrid({ days, held }: LedgerSummary): DayGrid {
  if (days.length === 0) return { first: 0, days: new Float64Array(0) };
  // Loops, not Math.min(...rows): a spread of 100,000 rows overflows the call stack.
  let first = Infinity;
  let last = -Infinity;
  for (const h of held) first = Math.min(first, h.openDay);
  for (const d of days) {
    first = Math.min(first, d.day);
    last = Math.max(last, d.day);
  }
  return { first, days: Float64Array.from({ length: last - first + 1 }, (_, i) => (first + i) * DAY_MS) };
}

function dailyPnl(days: readonly BotDay[], grid: DayGrid): Float64Array {
  const pnl = new Float64Array(grid.days.length);
  for (const d of days) pnl[d.day - grid.first]! += d.pnl;
  return pnl;
}

function daysInMarket(held: readonly HeldSpan[], grid: DayGrid): number {
  const inMarket = new Uint8Array(grid.days.length);
  for (const h of held) inMarket.fill(1, Math.max(0, h.openDay - grid.first), h.closeDay - grid.first + 1);
  return inMarket.reduce((sum, v) => sum + v, 0);
}

function equityOf(pnl: Float64Array, capital: number): Float64Array {
  const equity = new Float64Array(pnl.length);
  let running = capital;
  for (let i = 0; i < pnl.length; i++) equity[i] = running += pnl[i]!;
  return equity;
}

function sums(days: readonly BotDay[]): TradeSums & { pnl: number; fees: number } {
  const total = { count: 0, wins: 0, losses: 0, grossProfit: 0, grossLoss: 0, pnl: 0, fees: 0 };
  for (const d of days) {
    total.count += d.count;
    total.wins += d.wins;
    total.losses += d.losses;
    total.grossProfit += d.grossProfit;
    total.grossLoss += d.grossLoss;
    total.pnl += d.pnl;
    total.fees += d.fees;
  }
  return total;
}

interface Scope {
  botId: string | null;
  name: string;
  days: readonly BotDay[];
  held: readonly HeldSpan[];
  unrealized: number;
}

/** One scope's figures: computeMetrics over its daily equity (the backtester's code), VaR beside it. */
function performance(scope: Scope, grid: DayGrid, capital: number | null): Performance {
  const base = capital ?? 0;
  const equity = equityOf(dailyPnl(scope.days, grid), base);
  const total = sums(scope.days);
  const m = computeMetrics({ ts: grid.days, equity, initialCapital: base, barMs: DAY_MS, trades: total, barsInMarket: daysInMarket(scope.held, grid) });
  const realized = roundQuote(total.pnl);
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
    fees: roundQuote(total.fees),
  };
}

function groupBy<T extends { botId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.botId) ?? [];
    group.push(row);
    groups.set(row.botId, group);
  }
  return groups;
}

/**
 * The whole dashboard from the ledger's sums per bot and day, the open positions' unrealised P&L per
 * bot, the bots to list (a bot without trades too) and the capital returns are measured against.
 */
export function buildDashboard(ledger: LedgerSummary, unrealizedByBot: ReadonlyMap<string, number>, bots: ReadonlyMap<string, string>, capital: number | null): Dashboard {
  const grid = dayGrid(ledger);
  const daysByBot = groupBy(ledger.days);
  const heldByBot = groupBy(ledger.held);
  const ids = [...new Set([...bots.keys(), ...unrealizedByBot.keys(), ...daysByBot.keys()])];
  const perBot = ids.map((id) => performance({ botId: id, name: bots.get(id) ?? daysByBot.get(id)?.[0]?.botName ?? id, days: daysByBot.get(id) ?? [], held: heldByBot.get(id) ?? [], unrealized: unrealizedByBot.get(id) ?? 0 }, grid, capital));
  const unrealized = [...unrealizedByBot.values()].reduce((sum, v) => sum + v, 0);
  const equity = equityOf(dailyPnl(ledger.days, grid), capital ?? 0);
  const drawdown = drawdownSeries(equity, capital ?? 0);
  const dayRows = ledger.days.map((d) => ({ closedAt: d.day * DAY_MS, pnl: d.pnl, trades: d.count }));
  const buckets = (period: 'day' | 'week' | 'month') => bucketPnl(dayRows, period).map((b) => ({ ...b, pnl: roundQuote(b.pnl) }));
  return {
    capital,
    total: performance({ botId: null, name: 'All bots', days: ledger.days, held: ledger.held, unrealized }, grid, capital),
    bots: perBot,
    equity: Array.from(grid.days, (ts, i) => ({ ts, equity: roundQuote(equity[i]!), drawdown: drawdown[i]! })),
    pnlByDay: buckets('day'),
    pnlByWeek: buckets('week'),
    pnlByMonth: buckets('month'),
    pnlBySymbol: ledger.symbols.map((s) => ({ ...s, pnl: roundQuote(s.pnl) })).sort((a, b) => b.pnl - a.pnl),
    correlation: correlationMatrix(perBot.map((bot) => dailyPnl(daysByBot.get(bot.botId!) ?? [], grid))),
  };
}
