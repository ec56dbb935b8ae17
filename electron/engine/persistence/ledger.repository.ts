import type { Kysely } from 'kysely';
import { type Fill, type OrderSide, OrderSourceSchema } from '../../../shared/domain/order.ts';
import type { Trade } from '../../../shared/domain/position.ts';
import type { ClosedTrip, PositionState } from '../execution/position-math.ts';
import type { Database, PositionsTable } from './database.ts';

/** Stores a fill unless the venue reported its id before; says whether it was new. */
export async function insertFillOnce(db: Kysely<Database>, fill: Fill & { venue: string }, tsInit: number): Promise<boolean> {
  const result = await db
    .insertInto('fills')
    .values({ ...fill, tsInit })
    .onConflict((oc) => oc.columns(['venue', 'fillId']).doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

export async function listFills(db: Kysely<Database>, filter: { botId?: string | undefined; limit: number }): Promise<Fill[]> {
  let query = db
    .selectFrom('fills')
    .select(['fillId', 'clientOrderId', 'botId', 'symbol', 'side', 'lastQty', 'lastPx', 'fee', 'tsEvent'])
    .orderBy('tsEvent', 'desc')
    .limit(filter.limit);
  if (filter.botId) query = query.where('botId', '=', filter.botId);
  return (await query.execute()).map((row) => ({ ...row, side: row.side as OrderSide }));
}

export async function loadPositions(db: Kysely<Database>): Promise<PositionsTable[]> {
  return db.selectFrom('positions').selectAll().execute();
}

export async function savePosition(db: Kysely<Database>, botId: string, symbol: string, state: PositionState, ts: number): Promise<void> {
  const row = { botId, symbol, ...state, updatedAt: ts };
  await db
    .insertInto('positions')
    .values(row)
    .onConflict((oc) => oc.columns(['botId', 'symbol']).doUpdateSet({ ...state, updatedAt: ts }))
    .execute();
}

/** Where a closed trip happened: its bot, symbol and account, and the order whose fill closed it (null: a trader's adjustment). */
export interface TripPlace {
  botId: string;
  symbol: string;
  accountId: string;
  exitOrderId: string | null;
}

/** Writes a closed trip as a trade, with who placed its entry (and the alert, for an alert's order). */
export async function insertTrade(db: Kysely<Database>, place: TripPlace, trip: ClosedTrip): Promise<void> {
  const entry = trip.entryOrderId === null ? undefined : await db.selectFrom('orders').select('source').where('clientOrderId', '=', trip.entryOrderId).executeTakeFirst();
  const leg = entry?.source === 'alert' && trip.entryOrderId !== null ? await db.selectFrom('alertLegs').select('alertId').where('clientOrderId', '=', trip.entryOrderId).executeTakeFirst() : undefined;
  await db
    .insertInto('trades')
    .values({ ...place, ...trip, source: entry ? OrderSourceSchema.parse(entry.source) : null, alertId: leg?.alertId ?? null })
    .execute();
}

export async function listTrades(db: Kysely<Database>, filter: { botId?: string | undefined; limit: number }): Promise<Trade[]> {
  let query = db.selectFrom('trades').selectAll().orderBy('closedAt', 'desc').orderBy('id', 'desc').limit(filter.limit);
  if (filter.botId) query = query.where('botId', '=', filter.botId);
  return (await query.execute()).map((row) => ({ ...row, side: row.side as Trade['side'] }));
}
