import { randomBytes } from 'node:crypto';
import { BinanceError, type FakeBook, type FakeOrder } from './book.ts';
import { canceledJson, newOrderJson, orderJson, tradeJson } from './wire.ts';

export interface PrivateContext {
  book: FakeBook;
  params: URLSearchParams;
  now: number;
  /** Set by the duplicate_fill fault: myTrades lists every trade twice. */
  duplicateFills: boolean;
}

const DAY_MS = 86_400_000;

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '') throw new BinanceError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
  return value;
}

/** The order named by orderId or origClientOrderId, as Binance looks it up. */
function findOrder({ book, params }: PrivateContext): FakeOrder {
  const symbol = required(params, 'symbol');
  const orderId = params.get('orderId');
  const clientId = params.get('origClientOrderId');
  if (orderId === null && clientId === null) throw new BinanceError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
  const order = orderId !== null ? book.orders.find((o) => o.symbol === symbol && o.orderId === Number(orderId)) : book.byClientId(symbol, clientId as string);
  if (!order) throw new BinanceError(400, -2013, 'Order does not exist.');
  return order;
}

function newOrder(ctx: PrivateContext): unknown {
  const { book, params } = ctx;
  const side = required(params, 'side');
  if (side !== 'BUY' && side !== 'SELL') throw new BinanceError(400, -1117, 'Invalid side.');
  const price = params.get('price');
  const stopPrice = params.get('stopPrice');
  const before = book.trades.length;
  const order = book.place({
    symbol: required(params, 'symbol'), side, type: required(params, 'type'), quantity: Number(required(params, 'quantity')),
    price: price === null ? null : Number(price), stopPrice: stopPrice === null ? null : Number(stopPrice), clientOrderId: params.get('newClientOrderId') ?? `fake-${randomBytes(8).toString('hex')}`,
  });
  return newOrderJson(order, book.trades.slice(before));
}

function cancelOrder(ctx: PrivateContext): unknown {
  const order = findOrder(ctx);
  ctx.book.cancel(order);
  return canceledJson(order, ctx.params.get('newClientOrderId') ?? `cancel-${randomBytes(8).toString('hex')}`, ctx.now);
}

function myTrades({ book, params, duplicateFills }: PrivateContext): unknown {
  const symbol = required(params, 'symbol');
  // As Binance: at most 24 h between startTime and endTime; startTime alone means the 24 h after it.
  const startTime = Number(params.get('startTime') ?? 0);
  const endParam = params.get('endTime');
  const endTime = endParam !== null ? Number(endParam) : params.get('startTime') !== null ? startTime + DAY_MS : Number.POSITIVE_INFINITY;
  if (params.get('startTime') !== null && endTime - startTime > DAY_MS) throw new BinanceError(400, -1127, 'More than 24 hours between startTime and endTime.');
  const fromId = params.get('fromId');
  const orderId = params.get('orderId');
  const limit = Math.min(Number(params.get('limit') ?? 500), 1000);
  const trades = book.trades
    .filter((t) => t.symbol === symbol && t.time >= startTime && t.time <= endTime && (fromId === null || t.id >= Number(fromId)) && (orderId === null || t.orderId === Number(orderId)))
    .slice(0, limit)
    .map(tradeJson);
  return duplicateFills ? trades.flatMap((t) => [t, t]) : trades;
}

function account({ book, now }: PrivateContext): unknown {
  return {
    makerCommission: 10, takerCommission: 10, buyerCommission: 0, sellerCommission: 0, canTrade: true, canWithdraw: true, canDeposit: true,
    brokered: false, requireSelfTradePrevention: false, updateTime: now, accountType: 'SPOT', permissions: ['SPOT'],
    balances: [...book.balances].map(([asset, b]) => ({ asset, free: b.free.toFixed(8), locked: b.locked.toFixed(8) })),
  };
}

export const PRIVATE_ROUTES: Record<string, (ctx: PrivateContext) => unknown> = {
  'GET /api/v3/account': account,
  'POST /api/v3/order': newOrder,
  'GET /api/v3/order': (ctx) => orderJson(findOrder(ctx)),
  'DELETE /api/v3/order': cancelOrder,
  'GET /api/v3/openOrders': ({ book, params }) => book.openOrders(params.get('symbol') ?? undefined).map(orderJson),
  'GET /api/v3/allOrders': ({ book, params }) => {
    const symbol = required(params, 'symbol');
    const startTime = Number(params.get('startTime') ?? 0);
    const limit = Math.min(Number(params.get('limit') ?? 500), 1000);
    return book.orders.filter((o) => o.symbol === symbol && o.time >= startTime).slice(0, limit).map(orderJson);
  },
  'GET /api/v3/myTrades': myTrades,
};
