import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { HistoryTrade, TradeFilter, TradePage, TradeSort, TradeTotals } from '../../../shared/contract/trade-history.ts';
import { ok, type Result } from '../../../shared/errors.ts';
import type { Database } from '../persistence/database.ts';
import { decodeCursor, encodeCursor } from './trade-cursor.ts';

type TradeColumn = 'trades.closedAt' | 'trades.botId' | 'trades.symbol' | 'trades.realizedPnl' | 'trades.returnRatio' | 'trades.durationMs';

/** Each sort's columns, matching an index of migration 0018 (the row id ends every key, as it ends every index). */
const SORT_COLUMNS: Record<TradeSort['by'], TradeColumn[]> = {
  closedAt: ['trades.closedAt'],
  bot: ['trades.botId', 'trades.closedAt'],
  symbol: ['trades.symbol', 'trades.closedAt'],
  pnl: ['trades.realizedPnl'],
  return: ['trades.returnRatio'],
  duration: ['trades.durationMs'],
};

type Where = ExpressionBuilder<Database & { trades: Database['trades'] }, 'trades'>;

/** The filter as SQL conditions on `trades`. */
export function matching(eb: Where, filter: TradeFilter) {
  const all = [];
  if (filter.from !== undefined) all.push(eb('trades.closedAt', '>=', filter.from));
  if (filter.to !== undefined) all.push(eb('trades.closedAt', '<=', filter.to));
  if (filter.botIds) all.push(eb('trades.botId', 'in', filter.botIds));
  if (filter.accountIds) all.push(eb('trades.accountId', 'in', filter.accountIds));
  if (filter.mode) all.push(eb('trades.accountId', filter.mode === 'paper' ? '=' : '<>', 'paper'));
  if (filter.symbols) all.push(eb('trades.symbol', 'in', filter.symbols));
  if (filter.side) all.push(eb('trades.side', '=', filter.side));
  if (filter.outcome) all.push(eb('trades.realizedPnl', filter.outcome === 'win' ? '>' : '<=', 0));
  if (filter.pnlMin !== undefined) all.push(eb('trades.realizedPnl', '>=', filter.pnlMin));
  if (filter.pnlMax !== undefined) all.push(eb('trades.realizedPnl', '<=', filter.pnlMax));
  if (filter.sources) all.push(eb('trades.source', 'in', filter.sources));
  return eb.and(all);
}

/**
 * One page of the trade history across every bot and account, in the chosen order, read from its
 * index from where the last page ended (keyset paging): page 5,000 costs what page 1 does.
 */
export async function tradePage(db: Kysely<Database>, input: { filter: TradeFilter; sort: TradeSort; cursor?: string | undefined; limit: number }): Promise<Result<TradePage>> {
  const columns = SORT_COLUMNS[input.sort.by];
  const keyColumns = [...columns, 'trades.id' as const];
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, keyColumns.length);
  if (after && !after.ok) return after;
  const direction = input.sort.dir;
  let query = db
    .selectFrom('trades')
    .innerJoin('bots', 'bots.id', 'trades.botId')
    .selectAll('trades')
    .select('bots.name as botName')
    .where((eb) => matching(eb, input.filter));
  if (after) query = query.where((eb) => eb(eb.refTuple(...(keyColumns as [TradeColumn, 'trades.id'])), direction === 'desc' ? '<' : '>', eb.tuple(...(after.value as [number, number]))));
  for (const column of keyColumns) query = query.orderBy(column, direction);
  const rows = (await query.limit(input.limit + 1).execute()).map(toHistoryTrade);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const next = rows.length > input.limit && last ? encodeCursor(keyOf(last, input.sort.by)) : null;
  return ok({ rows: page, next });
}

/** Count, net P&L, fees and win rate of every trade the filter matches. */
export async function tradeTotals(db: Kysely<Database>, filter: TradeFilter): Promise<TradeTotals> {
  const row = await db
    .selectFrom('trades')
    .where((eb) => matching(eb, filter))
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(realized_pnl), 0)`.as('netPnl'),
      sql<number>`coalesce(sum(fees), 0)`.as('fees'),
      sql<number>`coalesce(sum(realized_pnl > 0), 0)`.as('wins'),
    ])
    .executeTakeFirstOrThrow();
  return { count: row.count, netPnl: roundCents(row.netPnl), fees: roundCents(row.fees), winRate: row.count === 0 ? null : row.wins / row.count };
}

/** Sums of many float P&Ls carry noise past the cent; totals are shown to 8 decimals at most. */
const roundCents = (value: number) => Math.round(value * 1e8) / 1e8;

function keyOf(trade: HistoryTrade, by: TradeSort['by']): (number | string)[] {
  const values: Record<TradeSort['by'], (number | string)[]> = {
    closedAt: [trade.closedAt],
    bot: [trade.botId, trade.closedAt],
    symbol: [trade.symbol, trade.closedAt],
    pnl: [trade.realizedPnl],
    return: [trade.returnRatio],
    duration: [trade.durationMs],
  };
  return [...values[by], trade.id];
}

function toHistoryTrade({ side, ...row }: Omit<HistoryTrade, 'side'> & { side: string }): HistoryTrade {
  return { ...row, side: side === 'SHORT' ? 'SHORT' : 'LONG' };
}
