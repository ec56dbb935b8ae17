import { randomBytes } from 'node:crypto';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { isStopType, type Order, type OrderSide } from '../../../../shared/domain/order.ts';
import { floorToStep, roundPriceToTick } from '../../execution/precision.ts';

/** The one stop order a live position should have at its venue. */
export interface WantedStop {
  side: OrderSide;
  qty: number;
  triggerPrice: number;
}

/** Whether a live position is covered by a stop at its exchange; null when there is nothing to cover (flat, no stop-loss, paper). */
export type ExchangeStopStatus = 'held' | 'missing' | 'not_supported';

export interface ExchangeStopState {
  status: ExchangeStopStatus;
  /** Why it is missing, for the trader; null when held. */
  problem: string | null;
}

/** Held stops carry their own id prefix, so after a restart they are told apart from the trader's own stop orders. */
const HELD_STOP_PREFIX = 'sr-xs-';

export const newHeldStopId = (now: number): string => `${HELD_STOP_PREFIX}${now.toString(36)}-${randomBytes(6).toString('hex')}`;

export const isHeldStop = (order: Pick<Order, 'clientOrderId' | 'type'>): boolean => order.clientOrderId.startsWith(HELD_STOP_PREFIX) && isStopType(order.type);

/** A stop-loss level on a non-flat position: a reduce-only stop for the whole position, on the closing side. */
export function wantedStop(held: number, stopLoss: number | null): WantedStop | null {
  if (held === 0 || !Number.isFinite(held) || stopLoss === null || !Number.isFinite(stopLoss) || stopLoss <= 0) return null;
  return { side: held > 0 ? 'SELL' : 'BUY', qty: Math.abs(held), triggerPrice: stopLoss };
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Whether an open held stop already is the wanted one: same side, its unfilled quantity the whole
 * position, its trigger the level, both compared on the venue's grid (`onGrid`: quantity down to
 * the step, trigger to the tick, as the order was stored when placed).
 */
export function isWanted(order: Pick<Order, 'side' | 'qty' | 'filledQty' | 'triggerPrice' | 'status'>, wanted: WantedStop, onGrid: (stop: WantedStop) => WantedStop): boolean {
  if (order.status === 'PENDING_CANCEL' || order.triggerPrice === null) return false;
  const grid = onGrid(wanted);
  return order.side === grid.side && same(order.qty - order.filledQty, grid.qty) && same(order.triggerPrice, grid.triggerPrice);
}

/** The stop on the venue's grid: quantity down to the step, trigger to the tick (what is left as asked when it would round to nothing). */
export function gridOf(stop: WantedStop, instrument: Pick<Instrument, 'stepSize' | 'tickSize'>): WantedStop {
  const qty = floorToStep(stop.qty, instrument.stepSize);
  const triggerPrice = roundPriceToTick(stop.triggerPrice, instrument);
  return { ...stop, qty: qty > 0 ? qty : stop.qty, triggerPrice: triggerPrice > 0 ? triggerPrice : stop.triggerPrice };
}
