import type { Kysely } from 'kysely';
import type { Order } from '../../../../shared/domain/order.ts';
import type { Database } from '../../persistence/database.ts';
import { toOrder } from '../../persistence/orders.repository.ts';
import { OPEN_STATUSES } from '../order-state.ts';

/** What we hold on one account, as a reconciliation reads it: an order's `venue` names its account. */

export async function openOrdersOf(db: Kysely<Database>, accountId: string): Promise<Order[]> {
  const rows = await db.selectFrom('orders').selectAll().where('venue', '=', accountId).where('status', 'in', OPEN_STATUSES).orderBy('tsInit').execute();
  return rows.map(toOrder);
}

/** The fill ids among `fillIds` already booked on the account. */
export async function bookedFillIds(db: Kysely<Database>, accountId: string, fillIds: readonly string[]): Promise<Set<string>> {
  const booked = new Set<string>();
  // In slices: SQLite caps the number of bound values in one statement.
  for (let start = 0; start < fillIds.length; start += 500) {
    const slice = fillIds.slice(start, start + 500);
    const rows = await db.selectFrom('fills').select('fillId').where('venue', '=', accountId).where('fillId', 'in', slice).execute();
    for (const row of rows) booked.add(row.fillId);
  }
  return booked;
}

/** Where catching up on fills starts: the last fill we hold, else the oldest order we placed; null when we never traded. */
export async function fillsFrom(db: Kysely<Database>, accountId: string): Promise<number | null> {
  const fill = await db.selectFrom('fills').select((eb) => eb.fn.max('tsEvent').as('ts')).where('venue', '=', accountId).executeTakeFirst();
  if (fill?.ts != null) return Number(fill.ts);
  const order = await db.selectFrom('orders').select((eb) => eb.fn.min('tsInit').as('ts')).where('venue', '=', accountId).executeTakeFirst();
  return order?.ts != null ? Number(order.ts) : null;
}

/** Symbols an order of ours was open or changed on since `since`: the ones a missed fill can be on. */
export async function symbolsTradedSince(db: Kysely<Database>, accountId: string, since: number): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('symbol')
    .distinct()
    .where('venue', '=', accountId)
    .where((eb) => eb.or([eb('status', 'in', OPEN_STATUSES), eb('tsEvent', '>=', since)]))
    .orderBy('symbol')
    .execute();
  return rows.map((r) => r.symbol);
}

export interface Holding {
  botId: string;
  symbol: string;
  netQty: number;
}

/** Every non-flat position of a bot bound to the account. */
export async function holdingsOf(db: Kysely<Database>, accountId: string): Promise<Holding[]> {
  return db
    .selectFrom('positions')
    .innerJoin('bots', 'bots.id', 'positions.botId')
    .select(['positions.botId', 'positions.symbol', 'positions.netQty'])
    .where('bots.account', '=', accountId)
    .where('positions.netQty', '!=', 0)
    .orderBy('positions.botId')
    .execute();
}

/** The account's bots (not deleted) and the symbol each trades. */
export async function botsOf(db: Kysely<Database>, accountId: string): Promise<{ id: string; symbol: string }[]> {
  return db.selectFrom('bots').select(['id', 'symbol']).where('account', '=', accountId).where('deletedAt', 'is', null).orderBy('createdAt').execute();
}
