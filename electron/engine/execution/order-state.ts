import type { Order, OrderStatus } from '../../../shared/domain/order.ts';

/**
 * Every legal order-status change, in one table (after NautilusTrader). Anything not listed is a
 * bug in a venue adapter or the order manager, and is refused rather than written.
 */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING_SUBMIT: ['ACCEPTED', 'REJECTED', 'FILLED', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED'],
  ACCEPTED: ['PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED'],
  PARTIALLY_FILLED: ['PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED'],
  // A partial fill while a cancel is on its way keeps the cancel pending.
  PENDING_CANCEL: ['PENDING_CANCEL', 'CANCELED', 'PARTIALLY_FILLED', 'FILLED', 'ACCEPTED', 'REJECTED', 'EXPIRED'],
  FILLED: [],
  CANCELED: [],
  REJECTED: [],
  EXPIRED: [],
};

export class InvalidOrderTransition extends Error {
  constructor(from: OrderStatus, to: OrderStatus) {
    super(`Order cannot go from ${from} to ${to}`);
    this.name = 'InvalidOrderTransition';
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new InvalidOrderTransition(from, to);
}

/** The order after a status change, checked against the table; `changes` are the fields that came with it. */
export function transition(order: Order, status: OrderStatus, changes: Partial<Order>, tsEvent: number): Order {
  assertTransition(order.status, status);
  return { ...order, ...changes, status, tsEvent };
}

export const isTerminal = (status: OrderStatus): boolean => TRANSITIONS[status].length === 0;

/** Orders still alive at the venue (or possibly so): what a restart must reconcile. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['PENDING_SUBMIT', 'ACCEPTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL'];
