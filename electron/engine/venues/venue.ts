import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { OrderSide, OrderType } from '../../../shared/domain/order.ts';
import type { Result } from '../../../shared/errors.ts';

export interface OrderRequest {
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  qty: number;
  /** Limit price; null for market orders. */
  price: number | null;
}

export interface VenueFill {
  /** Unique per fill at the venue: a replayed fill is recognised by (venue, fillId) and applied once. */
  fillId: string;
  clientOrderId: string;
  qty: number;
  px: number;
  fee: number;
  ts: number;
}

/** The venue took the order (with any fills it made at once); a refusal is a REFUSED error with its reason. */
export type SubmitResult = Result<{ venueOrderId: string; fills: VenueFill[] }>;

/** The venue canceled the order; a refusal (e.g. it is no longer open) is an error with the venue's reason. */
export type CancelResult = Result<null>;

/**
 * What a venue tells us about an order on its own, at any time and in any order relative to the
 * replies to our requests: a fill may arrive before the submit reply, or after the cancel reply.
 */
export type VenueEvent =
  | { kind: 'filled'; fill: VenueFill }
  | { kind: 'canceled'; clientOrderId: string; ts: number; reason: string | null }
  | { kind: 'expired'; clientOrderId: string; ts: number };

/** The venue's own view of one order, for reconciling after a lost reply or a restart. */
export interface VenueOrderSnapshot {
  clientOrderId: string;
  venueOrderId: string;
  status: 'open' | 'filled' | 'canceled' | 'rejected' | 'expired';
  fills: VenueFill[];
  reason: string | null;
  ts: number;
}

/**
 * One trading venue (the paper simulator, or an exchange through ccxt). Expected refusals are
 * failed results, never exceptions; a thrown error means the outcome is unknown: the order
 * keeps its pending status until an event or a reconciliation tells what happened.
 */
export interface Venue {
  readonly id: string;
  /**
   * True for a venue simulated inside the engine (paper): its submit has no effect outside this
   * process, so an order's write-ahead row and its outcome may commit in one transaction.
   */
  readonly inProcess: boolean;
  instruments(): Instrument[];
  submit(order: OrderRequest): Promise<SubmitResult>;
  cancel(clientOrderId: string): Promise<CancelResult>;
  /** The venue's current view of an order by our id; null when it never heard of it. */
  fetchOrder(clientOrderId: string): Promise<VenueOrderSnapshot | null>;
  /** Events the venue reports on its own (fills of resting orders, cancels, expiries). */
  onEvent(listener: (event: VenueEvent) => void): void;
}
