import type { Order } from '../../../shared/domain/order.ts';
import type { SubmitResult, VenueOrderSnapshot } from '../venues/venue.ts';
import type { OrderEventInput } from './order-events.ts';

/** A submit reply as events: accepted or rejected, then any fills that came with it. */
export function submitEvents(result: SubmitResult): OrderEventInput[] {
  if (!result.ok) return [{ kind: 'rejected', reason: result.error.message }];
  return [{ kind: 'accepted', venueOrderId: result.value.venueOrderId }, ...result.value.fills.map((fill) => ({ kind: 'filled' as const, fill }))];
}

/**
 * What the venue's own view of an order says happened, as events. Fills already recorded are
 * recognised by their id and counted once; a venue that never heard of a still-pending order
 * means the request never arrived.
 */
export function snapshotEvents(order: Order, snapshot: VenueOrderSnapshot | null): OrderEventInput[] {
  if (snapshot === null) {
    return order.status === 'PENDING_SUBMIT' || order.status === 'PENDING_CANCEL'
      ? [{ kind: 'rejected', reason: 'The venue has no record of this order: the request never reached it' }]
      : [];
  }
  if (snapshot.status === 'rejected') return [{ kind: 'rejected', reason: snapshot.reason ?? 'Rejected by the venue' }];
  const events: OrderEventInput[] = [{ kind: 'accepted', venueOrderId: snapshot.venueOrderId }, ...snapshot.fills.map((fill) => ({ kind: 'filled' as const, fill }))];
  if (snapshot.status === 'canceled') events.push({ kind: 'canceled', reason: snapshot.reason });
  if (snapshot.status === 'expired') events.push({ kind: 'expired' });
  if (snapshot.status === 'open' && order.status === 'PENDING_CANCEL') events.push({ kind: 'cancel_rejected', reason: 'The order is still open at the venue' });
  return events;
}
