import type { Kysely } from 'kysely';
import type { OrderEvent, OrderEventKind, OrderStatus } from '../../../shared/domain/order.ts';
import type { Database } from './database.ts';

export type NewOrderEvent = Omit<OrderEvent, 'id'>;

export async function appendOrderEvent(db: Kysely<Database>, event: NewOrderEvent): Promise<void> {
  await db
    .insertInto('orderEvents')
    .values({ ...event, applied: event.applied ? 1 : 0 })
    .execute();
}

/** An order's history, oldest first. */
export async function listOrderEvents(db: Kysely<Database>, clientOrderId: string): Promise<OrderEvent[]> {
  const rows = await db.selectFrom('orderEvents').selectAll().where('clientOrderId', '=', clientOrderId).orderBy('id').execute();
  return rows.map((row) => ({ ...row, kind: row.kind as OrderEventKind, statusAfter: row.statusAfter as OrderStatus, applied: row.applied === 1 }));
}
