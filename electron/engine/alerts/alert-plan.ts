import type { OrderSide } from '../../../shared/domain/order.ts';
import type { AlertAction } from '../../../shared/domain/webhook.ts';

export type Leg = { side: OrderSide; qty: number };

/**
 * The orders an action needs from the position `held` (signed), or the reason it cannot be done.
 * `qty` is the alert's size; exits close everything unless the alert gave an amount.
 */
export function planLegs(action: Exclude<AlertAction, 'close_all'>, amount: number | null, held: number, qty: number, entries: number, maxEntries: number): Leg[] | string {
  const close = (upTo: number | null): Leg => ({ side: held > 0 ? 'SELL' : 'BUY', qty: Math.min(upTo ?? Math.abs(held), Math.abs(held)) });
  const exitQty = amount === null ? null : qty;
  const adds = (side: OrderSide) => (side === 'BUY' && held > 0) || (side === 'SELL' && held < 0);
  const full = `The position already has ${entries} of ${maxEntries} allowed entries`;
  /** buy/sell trade the amount as given; long/short first close an opposite position. */
  const enter = (side: OrderSide, flipFirst: boolean): Leg[] | string => {
    if (adds(side) && entries >= maxEntries) return full;
    const opposite = held !== 0 && !adds(side);
    return flipFirst && opposite ? [close(null), { side, qty }] : [{ side, qty }];
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
      return held > 0 ? [close(exitQty)] : 'There is no long position to exit';
    case 'exit_short':
      return held < 0 ? [close(exitQty)] : 'There is no short position to exit';
    case 'close':
      return held !== 0 ? [close(exitQty)] : 'There is no open position to close';
    case 'reverse':
      if (held === 0) return 'There is no position to reverse';
      return [{ side: held > 0 ? 'SELL' : 'BUY', qty: Math.abs(held) + qty }];
  }
}
