import type { Kysely } from 'kysely';
import { hasLimitPrice, isStopType, type Order } from '../../../../shared/domain/order.ts';
import { heldPositions, openOrdersOfAccount } from '../../accounts/accounts.repository.ts';
import type { Database } from '../../persistence/database.ts';
import type { AccountBook } from './exposure.ts';

/** The account's positions and the orders that may still fill, as committed so far in `trx` (the new order included). */
export async function loadBook(trx: Kysely<Database>, accountId: string): Promise<AccountBook> {
  const holdings = await heldPositions(trx, accountId);
  const orders = (await openOrdersOfAccount(trx, accountId)).map((o) => ({
    clientOrderId: o.clientOrderId,
    botId: o.botId,
    symbol: o.symbol,
    side: o.side,
    remainingQty: Math.max(0, o.qty - o.filledQty),
    price: hasLimitPrice(o.type) ? o.price : null,
    trigger: isStopType(o.type) ? o.triggerPrice : null,
  }));
  return { holdings: holdings.map(({ botId, symbol, netQty }) => ({ botId, symbol, netQty })), orders };
}

/** The book as it was before the order: what a rule compares against, so an order that lowers a figure always goes. */
export const withoutOrder = (book: AccountBook, clientOrderId: string): AccountBook => ({ holdings: book.holdings, orders: book.orders.filter((o) => o.clientOrderId !== clientOrderId) });

/**
 * Whether the order can add risk. An order that only closes part of its bot's position, counting the
 * closes already on their way (an alert's sell, a strategy's exit), is not an entry: limits and
 * locks never trap a trader in a position.
 */
export function addsRisk(order: Order, book: AccountBook): boolean {
  const sameKey = (x: { botId: string; symbol: string }) => x.botId === order.botId && x.symbol === order.symbol;
  const held = book.holdings.filter(sameKey).reduce((sum, h) => sum + h.netQty, 0);
  const closes = order.side === 'SELL' ? held > 0 : held < 0;
  if (!closes) return true;
  const inFlight = book.orders.filter((o) => sameKey(o) && o.side === order.side && o.clientOrderId !== order.clientOrderId).reduce((sum, o) => sum + o.remainingQty, 0);
  return order.qty + inFlight > Math.abs(held);
}
