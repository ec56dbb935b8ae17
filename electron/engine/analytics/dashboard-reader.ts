import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Dashboard, DashboardInput } from '../../../shared/contract/analytics.ts';
import type { Database } from '../persistence/database.ts';
import { buildDashboard, type LedgerSummary } from './dashboard.ts';
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

/** The ledger summed in SQL per bot and UTC day, per symbol, and the days trades were open: rows by the thousand, not the million. */
async function summarise(reads: Kysely<Database>, range: Range): Promise<LedgerSummary> {
  // An integer literal: a bound JS number arrives as a REAL, which would make the division fractional (no whole day).
  const day = (column: string) => sql<number>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;
  const [days, held, symbols] = await Promise.all([
    reads
      .selectFrom('trades')
      .innerJoin('bots', 'bots.id', 'trades.botId')
      .where((eb) => inRange(eb, range))
      .groupBy(['trades.botId', day('trades.closedAt')])
      .select([
        'trades.botId',
        sql<string>`max(bots.name)`.as('botName'),
        day('trades.closedAt').as('day'),
        sql<number>`count(*)`.as('count'),
        sql<number>`sum(trades.realized_pnl > 0)`.as('wins'),
        sql<number>`sum(trades.realized_pnl < 0)`.as('losses'),
        sql<number>`sum(max(trades.realized_pnl, 0))`.as('grossProfit'),
        sql<number>`sum(min(trades.realized_pnl, 0))`.as('grossLoss'),
        sql<number>`sum(trades.realized_pnl)`.as('pnl'),
        sql<number>`sum(trades.fees)`.as('fees'),
      ])
      .execute(),
    reads
      .selectFrom('trades')
      .where((eb) => inRange(eb, range))
      .select(['trades.botId', day('trades.openedAt').as('openDay'), day('trades.closedAt').as('closeDay')])
      .distinct()
      .execute(),
    reads
      .selectFrom('trades')
      .where((eb) => inRange(eb, range))
      .groupBy('trades.symbol')
      .select(['trades.symbol', sql<number>`sum(trades.realized_pnl)`.as('pnl'), sql<number>`count(*)`.as('trades')])
      .execute(),
  ]);
  return { days, held, symbols };
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
