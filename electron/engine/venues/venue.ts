import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { OrderSide, OrderType } from '../../../shared/domain/order.ts';
import type { Result } from '../../../shared/errors.ts';

/** Which order: our id, and its symbol (exchanges look orders up per symbol). */
export interface OrderRef {
  clientOrderId: string;
  symbol: string;
}

export interface OrderRequest extends OrderRef {
  side: OrderSide;
  type: OrderType;
  qty: number;
  /** Limit price; null for market and stop (stop-market) orders. */
  price: number | null;
  /** STOP and STOP_LIMIT: the price that wakes the order (a buy when the price rises to it, a sell when it falls to it). */
  triggerPrice?: number | null;
  /** The venue must refuse it if it would grow the position (futures); spot venues ignore it. */
  reduceOnly?: boolean;
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
  | { kind: 'expired'; clientOrderId: string; ts: number }
  /** A stop order's trigger was reached at `px`: a STOP then trades at market, a STOP_LIMIT rests at its limit. */
  | { kind: 'triggered'; clientOrderId: string; px: number; ts: number }
  /** The venue's connection changed: after `restored` the engine reconciles what happened meanwhile; `auth` means the keys were refused. */
  | { kind: 'connection'; state: 'lost' | 'restored' | 'auth_failed'; reason: string | null; ts: number };

/** The venue's own view of one order, for reconciling after a lost reply or a restart. */
export interface VenueOrderSnapshot extends OrderRef {
  venueOrderId: string;
  status: 'open' | 'filled' | 'canceled' | 'rejected' | 'expired';
  side: OrderSide;
  type: OrderType;
  qty: number;
  price: number | null;
  triggerPrice?: number | null;
  fills: VenueFill[];
  reason: string | null;
  ts: number;
}

/** One currency the venue holds for the account. */
export interface VenueBalance {
  currency: string;
  total: number;
  free: number;
}

/** A derivatives position as the venue holds it: `qty` is signed (negative = short). Spot venues hold none. */
export interface VenuePosition {
  symbol: string;
  qty: number;
  avgPxOpen: number | null;
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
  /**
   * True when the venue itself holds stop orders (STOP, STOP_LIMIT) and fires them while this app is
   * closed or offline: a live position's stop-loss is then also placed there (risk/exchange-stops/). Absent: it does not.
   */
  readonly holdsStops?: boolean;
  instruments(): Instrument[];
  submit(order: OrderRequest): Promise<SubmitResult>;
  cancel(order: OrderRef): Promise<CancelResult>;
  /** The venue's current view of an order by our id; null when it never heard of it. */
  fetchOrder(order: OrderRef): Promise<VenueOrderSnapshot | null>;
  /** Every order the venue holds open that carries our client id prefix (see execution/ids.ts). */
  openOrders(): Promise<VenueOrderSnapshot[]>;
  /** Our fills on these symbols at or after `since` (ms), oldest first, each with the venue's fill id. */
  fillsSince(since: number, symbols: readonly string[]): Promise<VenueFill[]>;
  balances(): Promise<VenueBalance[]>;
  positions(): Promise<VenuePosition[]>;
  /** Events the venue reports on its own (fills of resting orders, cancels, expiries). */
  onEvent(listener: (event: VenueEvent) => void): void;
  /** Stops polling and closes connections; the venue is not used afterwards. */
  close(): Promise<void>;
}
