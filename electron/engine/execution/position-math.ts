import type { OrderSide } from '../../../shared/domain/order.ts';
import type { PositionsTable, TradesTable } from '../persistence/database.ts';
import { roundQuote, roundSignificant, roundTo } from './precision.ts';

export type PositionState = Omit<PositionsTable, 'botId' | 'symbol' | 'updatedAt'>;
/** A round trip as the position math sees it; where it came from (account, orders, source) is the caller's. */
export type ClosedTrip = Pick<TradesTable, 'side' | 'qty' | 'avgPxOpen' | 'avgPxClose' | 'realizedPnl' | 'fees' | 'openedAt' | 'closedAt'> & { entryOrderId: string | null };

export interface FillInput {
  side: OrderSide;
  qty: number;
  px: number;
  fee: number;
  ts: number;
  /** The fill's order: the one that opens a trip is named on the trade it becomes. */
  orderId?: string;
}

export const FLAT: PositionState = {
  netQty: 0,
  avgPxOpen: 0,
  realizedPnl: 0,
  openedAt: null,
  tripEntryQty: 0,
  tripEntryNotional: 0,
  tripExitQty: 0,
  tripExitNotional: 0,
  tripRealizedPnl: 0,
  tripFees: 0,
  tripEntries: 0,
  tripEntryOrderId: null,
};

/**
 * Quantities are kept at 10 decimals, finer than any venue's step, and coarse enough that the
 * float noise of `a - b` cancels (so a position closed in parts reaches exactly zero).
 */
const QTY_DECIMALS = 10;
const roundQty = (qty: number) => roundTo(qty, QTY_DECIMALS);
/** Prices and notionals keep 15 significant digits (all a double holds): any scale, no noise. */
const roundPx = (px: number) => roundSignificant(px, 15);

/** A fill that breaks these is a venue adapter's bug: refused loudly, never stored as NaN. */
function requireSane(fill: FillInput): void {
  const qtyOk = Number.isFinite(fill.qty) && roundQty(fill.qty) > 0;
  if (qtyOk && Number.isFinite(fill.px) && fill.px > 0 && Number.isFinite(fill.fee) && fill.fee >= 0) return;
  throw new RangeError(
    `A fill needs a quantity of at least 1e-${QTY_DECIMALS}, a positive price and a fee of zero or more; got ${fill.qty} at ${fill.px}, fee ${fill.fee}`,
  );
}

/** `newEntry`: the fill starts an order's share of the position (its first fill, or one that opens a new trip). */
function addTo(pos: PositionState, fill: FillInput, newEntry: boolean): PositionState {
  const signed = fill.side === 'BUY' ? fill.qty : -fill.qty;
  const netQty = roundQty(pos.netQty + signed);
  return {
    ...pos,
    netQty,
    avgPxOpen: roundPx((pos.avgPxOpen * Math.abs(pos.netQty) + fill.px * fill.qty) / Math.abs(netQty)),
    realizedPnl: roundQuote(pos.realizedPnl - fill.fee),
    openedAt: pos.openedAt ?? fill.ts,
    tripEntryOrderId: pos.netQty === 0 ? (fill.orderId ?? null) : pos.tripEntryOrderId,
    tripEntryQty: roundQty(pos.tripEntryQty + fill.qty),
    tripEntryNotional: roundPx(pos.tripEntryNotional + fill.qty * fill.px),
    tripEntries: pos.tripEntries + (newEntry ? 1 : 0),
    tripRealizedPnl: roundQuote(pos.tripRealizedPnl - fill.fee),
    tripFees: roundQuote(pos.tripFees + fill.fee),
  };
}

/**
 * Applies one fill to a position: adds at a volume-weighted average cost, reduces against that
 * cost (realising profit net of the fee), and when the position reaches flat (or reverses through
 * it) returns the closed round trip. The trip's entry price is the average of all its entries
 * (including adds after a partial exit), its exit price the average of all its exits, so
 * (exit - entry) x qty - fees is the trade's realised P&L. Pure: same numbers live, in backtests
 * and in tests. A fill with a non-finite or non-positive quantity or price throws.
 *
 * `firstOfOrder` says whether the fill is its order's first: the entry count (`tripEntries`, which
 * the pyramiding limit reads) counts orders, not the fills an exchange splits one order into. A
 * later fill of an order counts only when it opens a new trip (a reversal that reached flat).
 */
export function applyFill(pos: PositionState, fill: FillInput, firstOfOrder = true): { next: PositionState; closed: ClosedTrip | null } {
  requireSane(fill);
  const signed = fill.side === 'BUY' ? fill.qty : -fill.qty;
  if (pos.netQty === 0 || Math.sign(pos.netQty) === Math.sign(signed)) return { next: addTo(pos, fill, firstOfOrder || pos.netQty === 0), closed: null };

  const closeQty = Math.min(fill.qty, Math.abs(pos.netQty));
  const direction = Math.sign(pos.netQty);
  // The fee is split between the closing part and any reversing remainder, pro rata.
  const closeFee = closeQty === fill.qty ? fill.fee : roundQuote((fill.fee * closeQty) / fill.qty);
  const gross = (fill.px - pos.avgPxOpen) * closeQty * direction;
  const after: PositionState = {
    ...pos,
    netQty: roundQty(pos.netQty - direction * closeQty),
    realizedPnl: roundQuote(pos.realizedPnl + gross - closeFee),
    tripExitQty: roundQty(pos.tripExitQty + closeQty),
    tripExitNotional: roundPx(pos.tripExitNotional + closeQty * fill.px),
    tripRealizedPnl: roundQuote(pos.tripRealizedPnl + gross - closeFee),
    tripFees: roundQuote(pos.tripFees + closeFee),
  };
  if (after.netQty !== 0) return { next: after, closed: null };

  const closed: ClosedTrip = {
    side: direction > 0 ? 'LONG' : 'SHORT',
    qty: after.tripEntryQty,
    avgPxOpen: roundPx(after.tripEntryNotional / after.tripEntryQty),
    avgPxClose: roundPx(after.tripExitNotional / after.tripExitQty),
    realizedPnl: after.tripRealizedPnl,
    fees: after.tripFees,
    openedAt: pos.openedAt ?? fill.ts,
    closedAt: fill.ts,
    entryOrderId: pos.tripEntryOrderId,
  };
  const flat: PositionState = { ...FLAT, realizedPnl: after.realizedPnl };
  const remainder = roundQty(fill.qty - closeQty);
  if (remainder <= 0) return { next: flat, closed };
  return { next: addTo(flat, { ...fill, qty: remainder, fee: roundQuote(fill.fee - closeFee) }, true), closed };
}

export function unrealizedPnl(pos: Pick<PositionState, 'netQty' | 'avgPxOpen'>, lastPx: number | null): number {
  if (pos.netQty === 0 || lastPx === null) return 0;
  return roundQuote((lastPx - pos.avgPxOpen) * pos.netQty);
}
