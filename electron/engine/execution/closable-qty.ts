import type { Order } from '../../../shared/domain/order.ts';
import { roundTo } from './precision.ts';

const roundQty = (qty: number) => roundTo(qty, 10);

/** What a new close may still take of a position: `held` (signed), minus what open closing orders will take. */
export interface Closable {
  held: number;
  /** The unfilled quantity of open orders on the side that reduces the position. */
  inFlight: number;
  /** How much a new close may sell (long) or buy (short): never below zero. */
  free: number;
}

/**
 * Reduce-only sizing: a close is sized from the position minus the closes already at the venue
 * (a stop-loss close, an earlier close alert still unfilled), so two closes never sell the same
 * coins and leave the trader short. Every order on the reducing side counts, whoever placed it.
 */
export function closableOf(held: number, open: readonly Pick<Order, 'side' | 'qty' | 'filledQty'>[]): Closable {
  if (held === 0) return { held, inFlight: 0, free: 0 };
  const reducing = held > 0 ? 'SELL' : 'BUY';
  const inFlight = roundQty(open.filter((o) => o.side === reducing).reduce((sum, o) => sum + Math.max(0, o.qty - o.filledQty), 0));
  return { held, inFlight, free: Math.max(0, roundQty(Math.abs(held) - inFlight)) };
}
