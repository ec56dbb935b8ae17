import type { OrderSide } from '../../../shared/domain/order.ts';
import type { PositionsTable, TradesTable } from '../persistence/database.ts';
import { roundQuote, roundTo } from './precision.ts';

export type PositionState = Omit<PositionsTable, 'botId' | 'symbol' | 'updatedAt'>;
export type ClosedTrip = Omit<TradesTable, 'id' | 'botId' | 'symbol'>;

export interface FillInput {
  side: OrderSide;
  qty: number;
  px: number;
  fee: number;
  ts: number;
}

export const FLAT: PositionState = {
  netQty: 0,
  avgPxOpen: 0,
  realizedPnl: 0,
  openedAt: null,
  tripEntryQty: 0,
  tripExitQty: 0,
  tripExitNotional: 0,
  tripRealizedPnl: 0,
  tripFees: 0,
  tripEntries: 0,
};

/** Quantities and average prices are kept at 10 decimals, finer than any venue's step or tick. */
const roundQty = (qty: number) => roundTo(qty, 10);
const roundPx = (px: number) => roundTo(px, 10);

/**
 * Applies one fill to a position: adds at a volume-weighted average price, reduces against it
 * (realising profit net of the fee), and when the position reaches flat (or reverses through it)
 * returns the closed round trip. Pure: same numbers live, in backtests and in tests.
 */
export function applyFill(pos: PositionState, fill: FillInput): { next: PositionState; closed: ClosedTrip | null } {
  const signed = fill.side === 'BUY' ? fill.qty : -fill.qty;
  const opening = pos.netQty === 0 || Math.sign(pos.netQty) === Math.sign(signed);
  if (opening) {
    const newQty = roundQty(pos.netQty + signed);
    const avg = roundPx((pos.avgPxOpen * Math.abs(pos.netQty) + fill.px * fill.qty) / Math.abs(newQty));
    return {
      next: {
        ...pos,
        netQty: newQty,
        avgPxOpen: avg,
        realizedPnl: roundQuote(pos.realizedPnl - fill.fee),
        openedAt: pos.openedAt ?? fill.ts,
        tripEntryQty: roundQty(pos.tripEntryQty + fill.qty),
        tripEntries: pos.tripEntries + 1,
        tripRealizedPnl: roundQuote(pos.tripRealizedPnl - fill.fee),
        tripFees: roundQuote(pos.tripFees + fill.fee),
      },
      closed: null,
    };
  }
  const closeQty = Math.min(fill.qty, Math.abs(pos.netQty));
  const direction = Math.sign(pos.netQty);
  // The fee is split between the closing part and any reversing remainder, pro rata.
  const closeFee = (fill.fee * closeQty) / fill.qty;
  const gross = (fill.px - pos.avgPxOpen) * closeQty * direction;
  const after: PositionState = {
    ...pos,
    netQty: roundQty(pos.netQty + direction * -closeQty),
    realizedPnl: roundQuote(pos.realizedPnl + gross - closeFee),
    tripExitQty: roundQty(pos.tripExitQty + closeQty),
    tripExitNotional: pos.tripExitNotional + closeQty * fill.px,
    tripRealizedPnl: roundQuote(pos.tripRealizedPnl + gross - closeFee),
    tripFees: roundQuote(pos.tripFees + closeFee),
  };
  if (after.netQty !== 0) return { next: after, closed: null };

  const closed: ClosedTrip = {
    side: direction > 0 ? 'LONG' : 'SHORT',
    qty: after.tripEntryQty,
    avgPxOpen: pos.avgPxOpen,
    avgPxClose: roundPx(after.tripExitNotional / after.tripExitQty),
    realizedPnl: after.tripRealizedPnl,
    fees: after.tripFees,
    openedAt: pos.openedAt ?? fill.ts,
    closedAt: fill.ts,
  };
  const flat: PositionState = { ...FLAT, realizedPnl: after.realizedPnl };
  const remainder = roundQty(fill.qty - closeQty);
  if (remainder <= 0) return { next: flat, closed };
  const reopened = applyFill(flat, { ...fill, qty: remainder, fee: fill.fee - closeFee });
  return { next: reopened.next, closed };
}

export function unrealizedPnl(pos: Pick<PositionState, 'netQty' | 'avgPxOpen'>, lastPx: number | null): number {
  if (pos.netQty === 0 || lastPx === null) return 0;
  return roundQuote((lastPx - pos.avgPxOpen) * pos.netQty);
}
