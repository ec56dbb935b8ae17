import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Dashboard, DashboardInput } from '../../../shared/contract/analytics.ts';
import type { Database } from '../persistence/database.ts';
import { type BotDay, buildDashboard, type LedgerSummary } from './dashboard.ts';
import { DAY_MS } from './pnl-buckets.ts';

type Mode = 'paper' | 'live';
type Range = Omit<DashboardInput, 'mode'> & { mode: Mode };

const inMode = (accountId: string, mode: Mode) => (accountId === 'paper') === (mode === 'paper');

/**
 * The accounts' capital: each account's first recorded equity since its last reset (the latest
 * epoch), summed over the accounts of the mode; null when none has a point yet.
 */
async function capitalOf(reads: Kysely<Database>, mode: Mode): Promise<number | null> {
  const rows = await reads
    .selectFrom('accountEquity as e')
    .select(['e.accountId', 'e.equity'])
    .where(({ eb, selectFrom }) =>
      eb(
        'e.ts',
        '=',
        selectFrom('accountEquity as f')
          .select(sql<number>`min(f.ts)`.as('first'))
          .whereRef('f.accountId', '=', 'e.accountId')
          .where('f.epoch', '=', selectFrom('accountEquity as g').select(sql<number>`max(g.epoch)`.as('epoch')).whereRef('g.accountId', '=', 'e.accountId')),
      ),
    )
    .execute();
  const kept = rows.filter((r) => inMode(r.accountId, mode));
  return kept.length === 0 ? null : kept.reduce((sum, r) => sum + r.equity, 0);
}

function inRange(eb: ExpressionBuilder<Database, 'trades'>, range: Range) {
  const all = [eb('trades.accountId', range.mode === 'paper' ? '=' : '<>', 'paper')];
  if (range.from !== undefined) all.push(eb('trades.closedAt', '>=', range.from));
  if (range.to !== undefined) all.push(eb('trades.closedAt', '<=', range.to));
  return eb.and(all);
}

/** One group of the single scan: a bot's trades of one symbol opened on one UTC day and closed on another. */
type Group = Omit<BotDay, 'day'> & { symbol: string; openDay: number; closeDay: number };

/**
 * The ledger summed in one SQL scan per bot, symbol, opening day and closing day (rows by the
 * thousand, not the million), then folded into days per bot, spans held, and symbols.
 */
async function summarise(reads: Kysely<Database>, range: Range): Promise<LedgerSummary> {
  // An integer literal: a bound JS number arrives as a REAL, which would make the division fractional (no whole day).
  const day = (column: 'trades.openedAt' | 'trades.closedAt') => sql<number>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;
  const groups: Group[] = await reads
    .selectFrom('trades')
    .innerJoin('bots', 'bots.id', 'trades.botId')
    .where((eb) => inRange(eb, range))
    .groupBy(['trades.botId', 'trades.symbol', day('trades.openedAt'), day('trades.closedAt')])
    .select([
      'trades.botId',
      'trades.symbol',
      sql<string>`max(bots.name)`.as('botName'),
      day('trades.openedAt').as('openDay'),
      day('trades.closedAt').as('closeDay'),
      sql<number>`count(*)`.as('count'),
      sql<number>`sum(trades.realized_pnl > 0)`.as('wins'),
      sql<number>`sum(trades.realized_pnl < 0)`.as('losses'),
      sql<number>`sum(max(trades.realized_pnl, 0))`.as('grossProfit'),
      sql<number>`sum(min(trades.realized_pnl, 0))`.as('grossLoss'),
      sql<number>`sum(trades.realized_pnl)`.as('pnl'),
      sql<number>`sum(trades.fees)`.as('fees'),
    ])
    .execute();
  const days = new Map<string, BotDay>();
  const symbols = new Map<string, { symbol: string; pnl: number; trades: number }>();
  for (const g of groups) {
    const key = `${g.botId}\u0000${g.closeDay}`;
    const d = days.get(key) ?? { botId: g.botId, botName: g.botName, day: g.closeDay, count: 0, wins: 0, losses: 0, grossProfit: 0, grossLoss: 0, pnl: 0, fees: 0 };
    d.count += g.count;
    d.wins += g.wins;
    d.losses += g.losses;
    d.grossProfit += g.grossProfit;
    d.grossLoss += g.grossLoss;
    d.pnl += g.pnl;
    d.fees += g.fees;
    days.set(key, d);
    const s = symbols.get(g.symbol) ?? { symbol: g.symbol, pnl: 0, trades: 0 };
    s.pnl += g.pnl;
    s.trades += g.count;
    symbols.set(g.symbol, s);
  }
  return { days: [...days.values()], held: groups, symbols: [...symbols.values()] };
}

/**
 * The dashboard from the read-only connection: closed trades in the range and mode, the bots of
 * the mode (deleted ones only through their trades), and the open positions' unrealised P&L.
 */
export async function readDashboard(reads: Kysely<Database>, range: Range, openPnl: readonly { botId: string; unrealizedPnl: number }[]): Promise<Dashboard> {
  const [ledger, bots, capital] = await Promise.all([summarise(reads, range), reads.selectFrom('bots').select(['id', 'name', 'account']).where('deletedAt', 'is', null).execute(), capitalOf(reads, range.mode)]);
  const kept = bots.filter((b) => inMode(b.account, range.mode));
  const keptIds = new Set(kept.map((b) => b.id));
  const unrealized = new Map<string, number>();
  for (const p of openPnl) if (keptIds.has(p.botId) && p.unrealizedPnl !== 0) unrealized.set(p.botId, (unrealized.get(p.botId) ?? 0) + p.unrealizedPnl);
  return buildDashboard(ledger, unrealized, new Map(kept.map((b) => [b.id, b.name])), capital);
}
