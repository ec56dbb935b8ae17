import type { Order } from '../../../shared/domain/order.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Why an account cannot be reset yet, in plain words, or null when it can:
 * "Cancel 1 open order (BUY 0.5 BTC/USDT of Trend) and close 1 position (short SOL/USDT held by TV) before resetting the account".
 */
export function resetBlockers(openOrders: readonly (Pick<Order, 'side' | 'qty' | 'symbol'> & { botName: string })[], positions: readonly { botName: string; symbol: string; netQty: number }[]): string | null {
  const steps: string[] = [];
  if (openOrders.length > 0) {
    const which = openOrders.slice(0, 3).map((o) => `${o.side} ${o.qty} ${o.symbol} of ${o.botName}`);
    steps.push(`cancel ${plural(openOrders.length, 'open order', 'open orders')} (${which.join(', ')}${openOrders.length > 3 ? ', …' : ''})`);
  }
  if (positions.length > 0) {
    const which = positions.slice(0, 3).map((p) => `${p.netQty > 0 ? 'long' : 'short'} ${p.symbol} held by ${p.botName}`);
    steps.push(`close ${plural(positions.length, 'position', 'positions')} (${which.join(', ')}${positions.length > 3 ? ', …' : ''})`);
  }
  if (steps.length === 0) return null;
  const sentence = `${steps.join(' and ')} before resetting the account`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
