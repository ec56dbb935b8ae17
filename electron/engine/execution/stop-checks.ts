import { hasLimitPrice, isStopType, type Order } from '../../../shared/domain/order.ts';
import { formatAmount } from './precision.ts';

export type StopShape = Pick<Order, 'symbol' | 'side' | 'type' | 'price' | 'triggerPrice'>;

const usable = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;
const show = (n: number) => formatAmount(n, 12);

/**
 * Why a stop order cannot be placed as asked, or null. A buy stop wakes when the price rises to its
 * trigger and a sell stop when it falls to it: a trigger already passed would fire at once, which
 * is a market order in disguise (and at an exchange, a refusal), so it is refused here with the
 * numbers. `last` is the last price known; null skips that comparison (the venue then judges).
 */
export function stopOrderProblem(order: StopShape, last: number | null): string | null {
  if (!isStopType(order.type)) return order.triggerPrice == null ? null : `Only stop orders take a trigger price; a ${order.type} order does not`;
  if (!usable(order.triggerPrice)) return `A stop order needs a trigger price above 0, not ${String(order.triggerPrice)}`;
  if (hasLimitPrice(order.type) && !usable(order.price)) return `A stop-limit order needs a limit price above 0, not ${String(order.price)}`;
  if (!hasLimitPrice(order.type) && order.price !== null) return 'A stop (market) order takes no limit price; use a stop-limit order';
  if (last === null || !Number.isFinite(last)) return null;
  const trigger = order.triggerPrice;
  if (order.side === 'BUY' && !(trigger > last)) {
    return `A buy stop triggers when the price rises to it: the trigger ${show(trigger)} must be above the last ${order.symbol} price ${show(last)}`;
  }
  if (order.side === 'SELL' && !(trigger < last)) {
    return `A sell stop triggers when the price falls to it: the trigger ${show(trigger)} must be below the last ${order.symbol} price ${show(last)}`;
  }
  return null;
}
