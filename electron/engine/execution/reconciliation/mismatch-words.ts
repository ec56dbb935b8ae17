import type { Mismatch } from '../../../../shared/contract/reconcile.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import type { VenueOrderSnapshot } from '../../venues/venue.ts';
import { formatAmount } from '../precision.ts';

/** Quantities in messages: plain decimals, as fine as any venue's step. */
export const qty = (value: number): string => formatAmount(value, 10);

const orderWords = (o: Pick<Order, 'side' | 'qty' | 'symbol' | 'type' | 'price'>) =>
  `${o.side} ${qty(o.qty)} ${o.symbol} ${o.type === 'LIMIT' && o.price !== null ? `limit @ ${o.price}` : 'market'}`;

export function unknownOrder(accountId: string, order: Order, botIds: string[]): Mismatch {
  return {
    id: `unknown_order:${order.clientOrderId}`,
    accountId,
    kind: 'unknown_order',
    symbol: order.symbol,
    clientOrderId: order.clientOrderId,
    ours: `Order ${order.clientOrderId} (${orderWords(order)}) is ${order.status} with ${qty(order.filledQty)} of ${qty(order.qty)} filled`,
    venue: 'The venue has no record of this order',
    ourQty: order.qty - order.filledQty,
    venueQty: null,
    actions: ['mark_closed'],
    botIds,
  };
}

function venueOrder(snapshot: VenueOrderSnapshot): string {
  const filled = snapshot.fills.reduce((sum, f) => sum + f.qty, 0);
  return `Open order ${snapshot.clientOrderId} (${orderWords(snapshot)}), ${qty(filled)} of ${qty(snapshot.qty)} filled, venue id ${snapshot.venueOrderId}`;
}

export function foreignOrder(accountId: string, snapshot: VenueOrderSnapshot, botIds: string[]): Mismatch {
  return {
    id: `foreign_order:${snapshot.clientOrderId}`,
    accountId,
    kind: 'foreign_order',
    symbol: snapshot.symbol,
    clientOrderId: snapshot.clientOrderId,
    ours: 'No order with this id in StoxRobot’s records',
    venue: venueOrder(snapshot),
    ourQty: null,
    venueQty: snapshot.qty,
    actions: botIds.length > 0 ? ['adopt', 'cancel'] : ['cancel'],
    botIds,
  };
}

export function openAtVenue(accountId: string, order: Order, snapshot: VenueOrderSnapshot): Mismatch {
  return {
    id: `open_at_venue:${order.clientOrderId}`,
    accountId,
    kind: 'open_at_venue',
    symbol: order.symbol,
    clientOrderId: order.clientOrderId,
    ours: `Order ${order.clientOrderId} (${orderWords(order)}) is ${order.status} with ${qty(order.filledQty)} of ${qty(order.qty)} filled`,
    venue: venueOrder(snapshot),
    ourQty: order.qty - order.filledQty,
    venueQty: snapshot.qty,
    actions: ['cancel'],
    botIds: [order.botId],
  };
}
