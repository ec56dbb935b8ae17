import type { Order, Trade } from 'ccxt';
import type { OrderRef, VenueFill } from '../venue.ts';
import type { Attempt, ExchangeCalls } from './exchange-calls.ts';
import { toFill, uniqueTrades } from './mapping.ts';
import { oddAnswer, oddFailure } from './odd-answer.ts';

export interface FoundOrder {
  order: Order;
  fills: VenueFill[];
}

/** The trades of one order, each once (an exchange may list a trade twice). */
export async function orderFills(calls: ExchangeCalls, order: Order, ref: OrderRef): Promise<Attempt<VenueFill[]>> {
  if (!(Number(order.filled) > 0)) return { ok: true, value: [] };
  const quote = calls.exchange.markets?.[ref.symbol]?.quote;
  const trades = await calls.withRetry(`the fills of ${ref.clientOrderId}`, async (ex): Promise<Trade[]> =>
    ex.has.fetchOrderTrades ? ex.fetchOrderTrades(String(order.id), ref.symbol) : (await ex.fetchMyTrades(ref.symbol, order.timestamp)).filter((t) => t.order === order.id),
  );
  if (!trades.ok) return trades;
  return { ok: true, value: uniqueTrades(trades.value).map((t) => toFill(t, ref.clientOrderId, quote)) };
}

/**
 * The order the exchange holds under our client id, with its fills; null when the exchange says it
 * has no such order. `retry` is off inside the submit's own look-up loop, which paces itself.
 */
export async function lookupOrder(calls: ExchangeCalls, ref: OrderRef, retry = true): Promise<Attempt<FoundOrder | null>> {
  const fetch = (ex: ExchangeCalls['exchange']) => ex.fetchOrder(undefined as unknown as string, ref.symbol, { clientOrderId: ref.clientOrderId });
  const action = `the order ${ref.clientOrderId}`;
  const found = retry ? await calls.withRetry(action, fetch) : await calls.attempt(action, fetch);
  if (!found.ok) return found.failure.kind === 'not_found' ? { ok: true, value: null } : found;
  const fills = await orderFills(calls, found.value, ref);
  if (!fills.ok) return fills;
  const odd = oddAnswer(found.value, ref, fills.value);
  return odd ? oddFailure(calls, action, odd) : { ok: true, value: { order: found.value, fills: fills.value } };
}
