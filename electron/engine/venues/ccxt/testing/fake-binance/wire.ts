import type { FakeOrder, FakeTrade } from './book.ts';

// Binance sends numbers as decimal strings; 8 places and no float noise.
const num = (n: number) => (Math.round(n * 1e8) / 1e8).toFixed(8);

/** An order as GET /api/v3/order and /openOrders and /allOrders list it. */
export function orderJson(o: FakeOrder): Record<string, unknown> {
  return {
    symbol: o.symbol, orderId: o.orderId, orderListId: -1, clientOrderId: o.clientOrderId, price: num(o.price), origQty: num(o.origQty),
    executedQty: num(o.executedQty), cummulativeQuoteQty: num(o.cumQuote), status: o.status, timeInForce: 'GTC',
    type: o.type, side: o.side, stopPrice: num(o.stopPrice), icebergQty: num(0), time: o.time, updateTime: o.updateTime,
    isWorking: o.isWorking, workingTime: o.time, origQuoteOrderQty: num(0), selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** The FULL reply to POST /api/v3/order: the order with the fills it made at once. */
export function newOrderJson(o: FakeOrder, fills: FakeTrade[]): Record<string, unknown> {
  return {
    symbol: o.symbol, orderId: o.orderId, orderListId: -1, clientOrderId: o.clientOrderId, transactTime: o.time, price: num(o.price),
    origQty: num(o.origQty), executedQty: num(o.executedQty), origQuoteOrderQty: num(0), cummulativeQuoteQty: num(o.cumQuote), status: o.status,
    timeInForce: 'GTC', type: o.type, side: o.side, ...(o.stopPrice > 0 ? { stopPrice: num(o.stopPrice) } : {}), workingTime: o.time, selfTradePreventionMode: 'EXPIRE_MAKER',
    fills: fills.map((t) => ({ price: num(t.price), qty: num(t.qty), commission: num(t.commission), commissionAsset: t.commissionAsset, tradeId: t.id })),
  };
}

/** The reply to DELETE /api/v3/order: `clientOrderId` is the cancel's own id, the order's is `origClientOrderId`. */
export function canceledJson(o: FakeOrder, cancelId: string, now: number): Record<string, unknown> {
  return { ...orderJson(o), origClientOrderId: o.clientOrderId, clientOrderId: cancelId, transactTime: now };
}

export function tradeJson(t: FakeTrade): Record<string, unknown> {
  return {
    symbol: t.symbol, id: t.id, orderId: t.orderId, orderListId: -1, price: num(t.price), qty: num(t.qty), quoteQty: num(t.qty * t.price),
    commission: num(t.commission), commissionAsset: t.commissionAsset, time: t.time, isBuyer: t.isBuyer, isMaker: t.isMaker, isBestMatch: true,
  };
}
