import type { Order } from '../../../../shared/domain/order.ts';
import type { Venue } from '../../venues/venue.ts';
import type { OrderEventInput } from '../order-events.ts';

/** What a reconciliation asks of the order manager: every change goes through it, into the order's history. */
export interface ReconcileOrders {
  recordEvent(clientOrderId: string, event: OrderEventInput): Promise<Order>;
  adopt(order: Order, why: string, events: readonly OrderEventInput[]): Promise<Order>;
  adjustPosition(botId: string, symbol: string, delta: number, px: number, why: string): Promise<void>;
  writeOffDust(positions: readonly { botId: string; symbol: string }[], lastPrice: (symbol: string) => number | null): Promise<void>;
}

/** One account to reconcile: its venue (whose id is the account id) and the order manager that books on it. */
export interface ReconcileTarget {
  accountId: string;
  venue: Venue;
  orders: ReconcileOrders;
  lastPrice(symbol: string): number | null;
  /**
   * An in-process venue (paper) keeps nothing across a restart: at start the open orders we hold
   * are put back into it before it is asked about them.
   */
  restore?(open: readonly Order[]): void;
}

/** What started a run; `start` is the first after the engine started (the only one that restores). */
export type ReconcileTrigger = 'start' | 'reconnect' | 'wake' | 'clock_jump' | 'retry' | 'manual' | 'decision';
