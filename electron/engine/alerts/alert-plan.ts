import type { OrderSide } from '../../../shared/domain/order.ts';
import type { AlertAction } from '../../../shared/domain/webhook.ts';
import type { Closable } from '../execution/closable-qty.ts';
import { alreadyClosing } from '../risk/closable.ts';

export type Leg = { side: OrderSide; qty: number };

export interface PlanInput {
  /** The alert's amount; exits close everything unless it gave one. */
  amount: number | null;
  /** The alert's size, in the base asset. */
  qty: number;
  /** The position, and what closes already at the venue will take of it. */
  position: Closable;
  base: string;
  entries: number;
  maxEntries: number;
}

/**
 * The orders an action needs, or the reason it cannot be done. A close only ever takes what no
 * other close at the venue takes already (reduce-only): it never crosses zero by itself.
 */
export function planLegs(action: Exclude<AlertAction, 'close_all'>, { amount, qty, position, base, entries, maxEntries }: PlanInput): Leg[] | string {
  const { held, inFlight, free } = position;
  const closeSide: OrderSide = held > 0 ? 'SELL' : 'BUY';
  const exitQty = amount === null ? free : Math.min(amount, free);
  const exit = (): Leg[] | string => (free > 0 ? [{ side: closeSide, qty: exitQty }] : `Nothing left to close: ${alreadyClosing(inFlight, base)}`);
  const adds = (side: OrderSide) => (side === 'BUY' && held > 0) || (side === 'SELL' && held < 0);
  const full = `The position already has ${entries} of ${maxEntries} allowed entries`;
  /** buy/sell trade the amount as given; long/short first close an opposite position (what is not being closed already). */
  const enter = (side: OrderSide, flipFirst: boolean): Leg[] | string => {
    if (adds(side) && entries >= maxEntries) return full;
    const opposite = held !== 0 && !adds(side);
    return flipFirst && opposite && free > 0 ? [{ side: closeSide, qty: free }, { side, qty }] : [{ side, qty }];
  };
  switch (action) {
    case 'buy':
      return enter('BUY', false);
    case 'sell':
      return enter('SELL', false);
    case 'long':
      return enter('BUY', true);
    case 'short':
      return enter('SELL', true);
    case 'exit_long':
      return held > 0 ? exit() : 'There is no long position to exit';
    case 'exit_short':
      return held < 0 ? exit() : 'There is no short position to exit';
    case 'close':
      return held !== 0 ? exit() : 'There is no open position to close';
    case 'reverse':
      if (held === 0) return 'There is no position to reverse';
      return [{ side: closeSide, qty: free + qty }];
  }
}
