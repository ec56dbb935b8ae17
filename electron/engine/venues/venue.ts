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
  /** Unique per fill at the venue: a replayed fill is recognised and applied once. */
  fillId: string;
  clientOrderId: string;
  qty: number;
  px: number;
  fee: number;
  ts: number;
}

export type SubmitResult =
  | { status: 'accepted'; venueOrderId: string; fills: VenueFill[] }
  | { status: 'rejected'; reason: string };

/**
 * One trading venue (the paper simulator, or an exchange through ccxt). Expected refusals are
 * values (`rejected`), never exceptions; a thrown error means the outcome is unknown and the order
 * stays PENDING_SUBMIT for reconciliation.
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
  /** A refusal is a value whose message the trader reads: the adapter's own words, never the exchange's raw text. */
  cancel(clientOrderId: string): Promise<Result<void>>;
  /** Fills that happen later (a resting limit order reached), reported once each. */
  onFill(listener: (fill: VenueFill) => void): void;
}
