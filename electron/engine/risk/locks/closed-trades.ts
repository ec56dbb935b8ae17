import { type Kysely, sql } from 'kysely';
import type { Database } from '../../persistence/database.ts';

/** A round trip as the protections see it: where, when, how it ended, and what it made. */
export interface ClosedTrade {
  id: number;
  symbol: string;
  closedAt: number;
  /** Net of fees, in the quote currency. */
  realizedPnl: number;
  /** Entry value: quantity times the average entry price, in the quote currency. */
  entryValue: number;
  /** Closed by a protective order (an engine-held stop-loss or take-profit). */
  byProtection: boolean;
}

export interface TradeFilter {
  accountId: string;
  /** Omitted: every symbol of the account. */
  symbol?: string;
  /** Closed strictly after this time. */
  after: number;
  /** Closed at or before this time. */
  atOrBefore: number;
}

/**
 * Trades of an account closed in (after, atOrBefore], oldest first. A trade knows its bot, not its
 * account or the order that closed it: its closing fill (same bot, symbol and time) tells both.
 * Trades no order closed (a dust write-off, a reconciliation adjustment) have no fill and are skipped.
 * Known limit: two trades of one bot and symbol closed in the same millisecond share their closing
 * fills, so a stop-out among them marks both as stop-outs (the guard then errs towards locking).
 */
export async function closedTrades(db: Kysely<Database>, filter: TradeFilter): Promise<ClosedTrade[]> {
  let query = db
    .selectFrom('trades as t')
    // Only fills on the closing side (a SELL ends a long): an entry filled in the same millisecond is not the close.
    .innerJoin('fills as f', (join) =>
      join.onRef('f.botId', '=', 't.botId').onRef('f.symbol', '=', 't.symbol').onRef('f.tsEvent', '=', 't.closedAt').on(sql<boolean>`f.side = case t.side when 'LONG' then 'SELL' else 'BUY' end`),
    )
    .innerJoin('orders as o', 'o.clientOrderId', 'f.clientOrderId')
    .where('f.venue', '=', filter.accountId)
    .where('t.closedAt', '>', filter.after)
    .where('t.closedAt', '<=', filter.atOrBefore)
    .groupBy('t.id')
    .select(['t.id', 't.symbol', 't.closedAt', 't.realizedPnl', 't.qty', 't.avgPxOpen', sql<number>`max(o.source = 'protection')`.as('byProtection')])
    .orderBy('t.closedAt')
    .orderBy('t.id');
  if (filter.symbol !== undefined) query = query.where('t.symbol', '=', filter.symbol);
  return (await query.execute()).map(({ qty, avgPxOpen, byProtection, ...trade }) => ({ ...trade, entryValue: qty * avgPxOpen, byProtection: byProtection === 1 }));
}

/** When the account's last trade (in `symbol`, or in any symbol) closed; null when none did. */
export async function lastCloseAt(db: Kysely<Database>, accountId: string, symbol?: string): Promise<number | null> {
  let query = db
    .selectFrom('trades as t')
    .innerJoin('fills as f', (join) => join.onRef('f.botId', '=', 't.botId').onRef('f.symbol', '=', 't.symbol').onRef('f.tsEvent', '=', 't.closedAt'))
    .where('f.venue', '=', accountId)
    .select('t.closedAt')
    .orderBy('t.closedAt', 'desc')
    .limit(1);
  if (symbol !== undefined) query = query.where('t.symbol', '=', symbol);
  return (await query.executeTakeFirst())?.closedAt ?? null;
}

/** Every account and symbol with a trade closed after `after`: where a close may not have been looked at yet. */
export function recentlyClosed(db: Kysely<Database>, after: number): Promise<{ venue: string; symbol: string }[]> {
  return db
    .selectFrom('trades as t')
    .innerJoin('fills as f', (join) => join.onRef('f.botId', '=', 't.botId').onRef('f.symbol', '=', 't.symbol').onRef('f.tsEvent', '=', 't.closedAt'))
    .where('t.closedAt', '>', after)
    .select(['f.venue', 't.symbol'])
    .distinct()
    .execute();
}
