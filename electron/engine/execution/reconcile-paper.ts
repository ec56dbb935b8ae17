import type { Kysely } from 'kysely';
import type { Database } from '../persistence/database.ts';
import { listOrdersByStatus } from '../persistence/orders.repository.ts';
import type { PaperVenue } from '../venues/paper/paper-venue.ts';
import type { OrderManager } from './order-manager.ts';
import { OPEN_STATUSES } from './order-state.ts';

/**
 * Brings the paper venue back in line with the ledger after a restart. The simulator keeps no
 * state of its own: resting limit orders are put back; an order still PENDING_SUBMIT never reached
 * it (the paper venue answers in the same transaction), so it is rejected with the reason said
 * plainly; a cancel that was requested is completed.
 */
export async function reconcilePaperOrders(db: Kysely<Database>, orders: OrderManager, venue: PaperVenue): Promise<void> {
  const open = (await listOrdersByStatus(db, OPEN_STATUSES)).filter((o) => o.venue === venue.id);
  for (const order of open) {
    if (order.status === 'PENDING_SUBMIT') {
      await orders.recordEvent(order.clientOrderId, { kind: 'rejected', reason: 'The app stopped before the order reached the venue' });
    } else if (order.status === 'PENDING_CANCEL') {
      await orders.recordEvent(order.clientOrderId, { kind: 'canceled', reason: 'The cancel was completed when the app restarted' });
    } else if (order.type === 'LIMIT' && order.price !== null) {
      venue.restoreResting([{ ...order, price: order.price, qty: order.qty - order.filledQty }]);
    }
  }
}
