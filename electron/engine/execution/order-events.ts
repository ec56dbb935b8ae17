import type { Order, OrderStatus } from '../../../shared/domain/order.ts';
import type { VenueFill } from '../venues/venue.ts';
import { isTerminal, transition } from './order-state.ts';
import { roundSignificant, roundTo } from './precision.ts';

/** An event to apply to an order; `submitted` is written with the order itself. */
export type OrderEventInput =
  | { kind: 'accepted'; venueOrderId: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'filled'; fill: VenueFill }
  | { kind: 'cancel_requested' }
  | { kind: 'canceled'; reason: string | null }
  | { kind: 'cancel_rejected'; reason: string }
  | { kind: 'expired' }
  /** A stop order woke at `px`: its status stays (it is still open), its history says so. */
  | { kind: 'triggered'; px: number };

export interface EventOutcome {
  order: Order;
  /** False when the event changed nothing (it came late, or the order had moved past it). */
  applied: boolean;
  detail: string;
}

/** Quantities are compared at 10 decimals, finer than any venue's step. */
const QTY_DECIMALS = 10;

const unchanged = (order: Order, detail: string): EventOutcome => ({ order, applied: false, detail });
const moved = (order: Order, status: OrderStatus, changes: Partial<Order>, ts: number, detail: string): EventOutcome => ({
  order: transition(order, status, changes, ts),
  applied: true,
  detail,
});

/** Still alive at the venue, or possibly so: what a cancel or an expiry can still act on. */
const isOpen = (status: OrderStatus) => status === 'PENDING_SUBMIT' || status === 'ACCEPTED' || status === 'PARTIALLY_FILLED' || status === 'PENDING_CANCEL';

/**
 * The one place an order changes: the stored order and an event give the next order. Events may
 * come in any order and more than once (a fill before the submit reply, a fill after the cancel
 * reply), so each is judged against what is stored: a state is never moved back by an older
 * message. Fills are facts: they are always applied (duplicates are filtered before, by fill id).
 */
export function applyOrderEvent(order: Order, event: OrderEventInput, ts: number): EventOutcome {
  switch (event.kind) {
    case 'accepted':
      if (order.status === 'PENDING_SUBMIT') return moved(order, 'ACCEPTED', { venueOrderId: event.venueOrderId }, ts, `Accepted by the venue as ${event.venueOrderId}`);
      if (order.venueOrderId === null) {
        return { order: { ...order, venueOrderId: event.venueOrderId }, applied: true, detail: `Venue order id ${event.venueOrderId} recorded; the order was already ${order.status}` };
      }
      return unchanged(order, `Acceptance arrived after the order was ${order.status}`);
    case 'rejected':
      if ((order.status === 'PENDING_SUBMIT' || order.status === 'PENDING_CANCEL') && order.filledQty === 0) {
        return moved(order, 'REJECTED', { rejectReason: event.reason }, ts, `Rejected: ${event.reason}`);
      }
      return unchanged(order, `Rejection (${event.reason}) arrived after the order was ${order.status}; not applied`);
    case 'filled':
      return applyFillEvent(order, event.fill, ts);
    case 'cancel_requested':
      if (isOpen(order.status) && order.status !== 'PENDING_CANCEL') return moved(order, 'PENDING_CANCEL', {}, ts, 'Cancel sent to the venue');
      return unchanged(order, `Cancel not sent: the order is ${order.status}`);
    case 'canceled':
      if (isOpen(order.status)) return moved(order, 'CANCELED', {}, ts, event.reason ? `Canceled: ${event.reason}` : 'Canceled by the venue');
      return unchanged(order, `Cancel confirmation arrived after the order was ${order.status}`);
    case 'cancel_rejected':
      return applyCancelRejected(order, event.reason, ts);
    case 'expired':
      if (isOpen(order.status)) return moved(order, 'EXPIRED', {}, ts, 'Expired at the venue');
      return unchanged(order, `Expiry arrived after the order was ${order.status}`);
    case 'triggered':
      if (isOpen(order.status)) return { order, applied: true, detail: `Triggered at ${event.px} (trigger price ${order.triggerPrice ?? 'not stored'})${order.type === 'STOP' ? ': sent as a market order' : ''}` };
      return unchanged(order, `Trigger at ${event.px} reported after the order was ${order.status}`);
  }
}

function applyFillEvent(order: Order, fill: VenueFill, ts: number): EventOutcome {
  const filledQty = roundTo(order.filledQty + fill.qty, QTY_DECIMALS);
  const avgFillPx = roundSignificant(((order.avgFillPx ?? 0) * order.filledQty + fill.px * fill.qty) / filledQty, 15);
  const complete = filledQty >= roundTo(order.qty, QTY_DECIMALS);
  const what = `Filled ${fill.qty} @ ${fill.px} (fee ${fill.fee}); ${filledQty} of ${order.qty} filled`;
  // A fill reported after the order ended (the cancel raced it) happened all the same: it counts.
  if (isTerminal(order.status)) {
    return { order: { ...order, filledQty, avgFillPx, tsEvent: ts }, applied: true, detail: `${what}; reported after the order was ${order.status}` };
  }
  // While a cancel is on its way a partial fill leaves the cancel pending.
  const status: OrderStatus = complete ? 'FILLED' : order.status === 'PENDING_CANCEL' ? 'PENDING_CANCEL' : 'PARTIALLY_FILLED';
  return moved(order, status, { filledQty, avgFillPx }, ts, what);
}

function applyCancelRejected(order: Order, reason: string, ts: number): EventOutcome {
  if (order.status !== 'PENDING_CANCEL') return unchanged(order, `Cancel refused (${reason}); the order is ${order.status}`);
  // Without a sign of life from the venue the order's fate is unknown: it stays pending until reconciled.
  if (order.filledQty > 0) return moved(order, 'PARTIALLY_FILLED', {}, ts, `Cancel refused: ${reason}`);
  if (order.venueOrderId !== null) return moved(order, 'ACCEPTED', {}, ts, `Cancel refused: ${reason}`);
  return unchanged(order, `Cancel refused (${reason}); the order's state is asked of the venue`);
}
