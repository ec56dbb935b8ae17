import type { Exchange, Market } from 'ccxt';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { hasLimitPrice, isStopType } from '../../../../shared/domain/order.ts';
import type { OrderRequest } from '../venue.ts';
import { increment } from './instruments.ts';

export interface PreparedOrder {
  market: Market;
  amount: number;
  price: number | undefined;
  params: Record<string, unknown>;
}

const text = (n: number) => (Number.isFinite(n) ? String(n) : String(n));

/**
 * The order as the exchange will accept it: quantity cut to the market's step and price rounded to
 * its tick (ccxt's own precision functions), minimums checked before anything is sent, our client
 * id always attached (without it ccxt invents one we could never look up after a timeout).
 */
export function prepareOrder(exchange: Exchange, order: OrderRequest): Result<PreparedOrder> {
  const market = exchange.markets?.[order.symbol];
  const where = exchange.name ?? exchange.id;
  if (!market) return fail('REFUSED', `${where} has no market ${order.symbol}`);
  if (market.active === false) return fail('REFUSED', `${order.symbol} is not trading on ${where} at the moment`);
  // Without a step the order is stored as asked and sent as ccxt rounds it: it would never fill in full.
  if (increment(market.precision.amount, Number(exchange.precisionMode)) === null) {
    return fail('REFUSED', `${where} gives ${order.symbol} no quantity step StoxRobot can use (precision ${String(market.precision.amount)}), so its orders cannot be sized exactly`);
  }
  if (!(order.qty > 0) || !Number.isFinite(order.qty)) return fail('REFUSED', `The quantity must be a positive number, not ${String(order.qty)}`);
  const limit = hasLimitPrice(order.type);
  if (limit && (order.price === null || !(order.price > 0) || !Number.isFinite(order.price))) return fail('REFUSED', `A limit order needs a positive price, not ${String(order.price)}`);
  const stop = isStopType(order.type);
  const trigger = order.triggerPrice ?? null;
  if (stop && (trigger === null || !(trigger > 0) || !Number.isFinite(trigger))) return fail('REFUSED', `A stop order needs a positive trigger price, not ${String(trigger)}`);
  // ccxt throws when a value rounds to nothing: said as the step it fell under.
  let amount: number;
  let price: number | undefined;
  try {
    amount = Number(exchange.amountToPrecision(order.symbol, order.qty));
  } catch {
    return fail('REFUSED', `${order.qty} ${market.base} is smaller than ${where}'s quantity step ${market.precision.amount} ${market.base} for ${order.symbol}`);
  }
  const tooCheap = () => fail('REFUSED', `The price ${order.price} ${market.quote} is below ${where}'s price step ${market.precision.price} ${market.quote} for ${order.symbol}`);
  try {
    price = limit ? Number(exchange.priceToPrecision(order.symbol, order.price as number)) : undefined;
  } catch {
    return tooCheap();
  }
  if (price !== undefined && !(price > 0)) return tooCheap();
  let triggerPrice: number | undefined;
  try {
    triggerPrice = stop ? Number(exchange.priceToPrecision(order.symbol, trigger as number)) : undefined;
  } catch {
    triggerPrice = 0;
  }
  if (triggerPrice !== undefined && !(triggerPrice > 0)) {
    return fail('REFUSED', `The trigger price ${String(trigger)} ${market.quote} is below ${where}'s price step ${market.precision.price} ${market.quote} for ${order.symbol}`);
  }
  const minQty = market.limits.amount?.min;
  if (!(amount > 0) || (minQty !== undefined && amount < minQty)) {
    return fail('REFUSED', `${amount} ${market.base} is below ${where}'s minimum quantity of ${minQty ?? market.precision.amount} ${market.base} for ${order.symbol}`);
  }
  const maxQty = market.limits.amount?.max;
  if (maxQty !== undefined && amount > maxQty) return fail('REFUSED', `${amount} ${market.base} is above ${where}'s maximum quantity of ${maxQty} ${market.base} for ${order.symbol}`);
  const minCost = market.limits.cost?.min;
  // A market order's value is checked by the exchange: we do not know its fill price here. A stop
  // (market) is valued at its trigger, where it wakes.
  const valuedAt = price ?? triggerPrice;
  if (valuedAt !== undefined && minCost !== undefined && amount * valuedAt < minCost) {
    return fail('REFUSED', `The order is worth ${(amount * valuedAt).toFixed(8).replace(/\.?0+$/, '')} ${market.quote}, below ${where}'s minimum of ${minCost} ${market.quote} for ${order.symbol}`);
  }
  const params: Record<string, unknown> = { clientOrderId: order.clientOrderId };
  // ccxt's unified trigger: Binance spot sends a market stop as STOP_LOSS, a limit one as STOP_LOSS_LIMIT (futures: STOP_MARKET, STOP).
  if (triggerPrice !== undefined) params.triggerPrice = triggerPrice;
  if (order.reduceOnly && market.contract) params.reduceOnly = true;
  return ok({ market, amount, price, params });
}
