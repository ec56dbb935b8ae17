import type { Kysely } from 'kysely';
import type { Database } from '../persistence/database.ts';
import { listOrdersByStatus, updateOrder } from '../persistence/orders.repository.ts';
import type { PaperVenue } from '../venues/paper/paper-venue.ts';
import { OPEN_STATUSES, transition } from './order-state.ts';

/**
 * Brings the paper venue back in line with the ledger after a restart. The simulator keeps no
 * state of its own: resting limit orders are put back; an order still PENDING_SUBMIT never reached
 * it (the paper venue answers in the same tick), so it is rejected with the reason said plainly.
 */
export async function reconcilePaperOrders(db: Kysely<Database>, venue: PaperVenue, now: number): Promise<void> {
  const open = (await listOrdersByStatus(db, OPEN_STATUSES)).filter((o) => o.venue === venue.id);
  for (const order of open) {
    if (order.status === 'PENDING_SUBMIT') {
      const { status, rejectReason, tsEvent } = transition(order, 'REJECTED', { rejectReason: 'The app stopped before the order reached the venue' }, now);
      await updateOrder(db, order.clientOrderId, { status, rejectReason, tsEvent });
    } else if (order.type === 'LIMIT' && order.price !== null) {
      venue.restoreResting([{ ...order, price: order.price, qty: order.qty - order.filledQty }]);
    }
  }
}
