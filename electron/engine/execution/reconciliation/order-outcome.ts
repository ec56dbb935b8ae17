import type { Order } from '../../../../shared/domain/order.ts';
import { applyOrderEvent, type OrderEventInput } from '../order-events.ts';

export const NEVER_ARRIVED_IN_PROCESS = 'The app stopped before the order reached the venue';
export const NEVER_ARRIVED = 'The venue has no record of this order: the request never reached it';
export const CANCEL_COMPLETED = 'The cancel was completed when the app restarted';

/**
 * What an order we hold open becomes when the venue has no record of it: a submit that never
 * arrived is rejected; an in-process venue (paper) forgets nothing but what it finished, so a cancel
 * it was asked for is complete. Anything else cannot be decided here: null, for the trader.
 */
export function missingOrderEvent(order: Order, inProcess: boolean): OrderEventInput | null {
  if (order.status === 'PENDING_SUBMIT') return { kind: 'rejected', reason: inProcess ? NEVER_ARRIVED_IN_PROCESS : NEVER_ARRIVED };
  if (order.status === 'PENDING_CANCEL' && inProcess) return { kind: 'canceled', reason: CANCEL_COMPLETED };
  return null;
}

/**
 * The events that would change the order, in order: fills already booked and news the order has
 * moved past are dropped, so a reconciliation that finds nothing new leaves the history as it was.
 * The order manager judges them again against the stored order when it applies them.
 */
export function changingEvents(order: Order, events: readonly OrderEventInput[], booked: ReadonlySet<string>, ts: number): OrderEventInput[] {
  const seen = new Set(booked);
  const kept: OrderEventInput[] = [];
  let current = order;
  for (const event of events) {
    if (event.kind === 'filled') {
      if (seen.has(event.fill.fillId)) continue;
      seen.add(event.fill.fillId);
    }
    const outcome = applyOrderEvent(current, event, ts);
    if (!outcome.applied) continue;
    kept.push(event);
    current = outcome.order;
  }
  return kept;
}
