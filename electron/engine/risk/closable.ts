import type { Kysely } from 'kysely';
import type { Order } from '../../../shared/domain/order.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import { OPEN_STATUSES } from '../execution/order-state.ts';
import { roundTo } from '../execution/precision.ts';
import type { Database } from '../persistence/database.ts';
import { ordersOfBot } from '../persistence/orders.repository.ts';
import { showQty } from './order-size.ts';

/** What a new close may still take of a position: `held` (signed), minus what open closing orders will take. */
export interface Closable {
  held: number;
  /** The unfilled quantity of open orders on the side that reduces the position. */
  inFlight: number;
  /** How much a new close may sell (long) or buy (short): never below zero. */
  free: number;
}

const roundQty = (qty: number) => roundTo(qty, 10);

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

export async function closable(db: Kysely<Database>, orders: OrderManager, botId: string, symbol: string): Promise<Closable> {
  const open = await ordersOfBot(db, botId, OPEN_STATUSES, symbol);
  // The position is read after the query: a fill committed in between is then in the position and
  // still unfilled in the order, so the close comes out smaller, never larger.
  return closableOf(orders.position(botId, symbol).netQty, open);
}

/** Why a close was not sent: the whole position is already being closed by orders at the venue. */
export const alreadyClosing = (inFlight: number, base: string): string => `a close of ${showQty(inFlight)} ${base} is already at the venue`;
