import type { Kysely, Selectable } from 'kysely';
import type { Order, OrderSide, OrderSource, OrderStatus, OrderType } from '../../../shared/domain/order.ts';
import type { Database, OrdersTable } from './database.ts';

export function toOrder(row: Selectable<OrdersTable>): Order {
  return { ...row, side: row.side as OrderSide, type: row.type as OrderType, status: row.status as OrderStatus, source: row.source as OrderSource };
}

export async function insertOrder(db: Kysely<Database>, order: Order): Promise<void> {
  await db.insertInto('orders').values(order).execute();
}

export async function findOrder(db: Kysely<Database>, clientOrderId: string): Promise<Order | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('clientOrderId', '=', clientOrderId).executeTakeFirst();
  return row && toOrder(row);
}

export async function updateOrder(
  db: Kysely<Database>,
  clientOrderId: string,
  changes: Partial<Pick<Order, 'status' | 'venueOrderId' | 'filledQty' | 'avgFillPx' | 'rejectReason' | 'tsEvent'>>,
): Promise<void> {
  await db.updateTable('orders').set(changes).where('clientOrderId', '=', clientOrderId).execute();
}

export async function listOrders(db: Kysely<Database>, filter: { botId?: string | undefined; limit: number }): Promise<Order[]> {
  let query = db.selectFrom('orders').selectAll().orderBy('tsInit', 'desc').orderBy('clientOrderId', 'desc').limit(filter.limit);
  if (filter.botId) query = query.where('botId', '=', filter.botId);
  return (await query.execute()).map(toOrder);
}

export async function listOrdersByStatus(db: Kysely<Database>, statuses: readonly OrderStatus[]): Promise<Order[]> {
  return (await db.selectFrom('orders').selectAll().where('status', 'in', statuses).execute()).map(toOrder);
}

/** One bot's orders in the given statuses (its open orders, say), on one symbol or all, oldest first. */
export async function ordersOfBot(db: Kysely<Database>, botId: string, statuses: readonly OrderStatus[], symbol?: string): Promise<Order[]> {
  let query = db.selectFrom('orders').selectAll().where('botId', '=', botId).where('status', 'in', statuses);
  if (symbol !== undefined) query = query.where('symbol', '=', symbol);
  return (await query.orderBy('tsInit').execute()).map(toOrder);
}
