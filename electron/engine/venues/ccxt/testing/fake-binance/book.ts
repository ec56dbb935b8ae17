import { DEFAULT_SYMBOLS, type FakeSymbol } from './markets.ts';

export type FakeOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';
export type FakeOrderType = 'MARKET' | 'LIMIT' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT';
const ORDER_TYPES: readonly string[] = ['MARKET', 'LIMIT', 'STOP_LOSS', 'STOP_LOSS_LIMIT'];
const isStop = (type: FakeOrderType) => type === 'STOP_LOSS' || type === 'STOP_LOSS_LIMIT';
const hasPrice = (type: FakeOrderType) => type === 'LIMIT' || type === 'STOP_LOSS_LIMIT';

export interface FakeOrder {
  orderId: number;
  clientOrderId: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  type: FakeOrderType;
  price: number;
  /** STOP_LOSS and STOP_LOSS_LIMIT: the trigger (0 for the other types). */
  stopPrice: number;
  /** A stop waits (false) until the price reaches its stopPrice; other orders work at once. */
  isWorking: boolean;
  /** The price its balance was locked at when it rested (0: nothing locked, a market order). */
  lockPx: number;
  origQty: number;
  executedQty: number;
  cumQuote: number;
  status: FakeOrderStatus;
  time: number;
  updateTime: number;
}

export interface FakeTrade {
  id: number;
  orderId: number;
  symbol: string;
  price: number;
  qty: number;
  commission: number;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

/** A Binance error reply: HTTP status, Binance code, message. */
export class BinanceError extends Error {
  readonly status: number;
  readonly code: number;
  constructor(status: number, code: number, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const FEE_RATE = 0.001;
const isOpen = (o: FakeOrder) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';
const onStep = (value: number, step: number) => Math.abs(value / step - Math.round(value / step)) < 1e-7;

/**
 * The fake exchange's own state: symbols with a settable price, balances, orders and trades.
 * Market orders fill at the price (in `marketFillParts` trades); limit orders rest until the
 * price crosses them; stop orders (STOP_LOSS, STOP_LOSS_LIMIT) wait until the price reaches their
 * stopPrice, then trade as a market order or rest as a limit order, as Binance spot does. Fees are charged in the quote currency (simpler than Binance's rules).
 */
export class FakeBook {
  readonly symbols = new Map<string, FakeSymbol>(DEFAULT_SYMBOLS.map((s) => [s.symbol, { ...s }]));
  readonly prices = new Map<string, number>([['BTCUSDT', 50_000], ['ETHUSDT', 3_000], ['ETHBTC', 0.06], ['LUNAUSDT', 0.5]]);
  readonly balances = new Map<string, { free: number; locked: number }>([['USDT', { free: 1_000_000, locked: 0 }], ['BTC', { free: 10, locked: 0 }], ['ETH', { free: 100, locked: 0 }]]);
  readonly orders: FakeOrder[] = [];
  readonly trades: FakeTrade[] = [];
  /** Market orders fill in this many equal trades (Binance reports one per matched maker). */
  marketFillParts = 1;
  private nextOrderId = 1000;
  private nextTradeId = 5000;

  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  symbol(symbol: string): FakeSymbol {
    const found = this.symbols.get(symbol);
    if (!found) throw new BinanceError(400, -1121, 'Invalid symbol.');
    return found;
  }

  balance(asset: string): { free: number; locked: number } {
    let entry = this.balances.get(asset);
    if (!entry) this.balances.set(asset, (entry = { free: 0, locked: 0 }));
    return entry;
  }

  place(input: { symbol: string; side: 'BUY' | 'SELL'; type: string; quantity: number; price: number | null; stopPrice?: number | null; clientOrderId: string }): FakeOrder {
    const s = this.symbol(input.symbol);
    if (s.status !== 'TRADING') throw new BinanceError(400, -1013, 'Market is closed.');
    if (!ORDER_TYPES.includes(input.type)) throw new BinanceError(400, -1116, 'Invalid orderType.');
    const type = input.type as FakeOrderType;
    if (this.orders.some((o) => isOpen(o) && o.clientOrderId === input.clientOrderId)) throw new BinanceError(400, -2010, 'Duplicate order sent.');
    const qty = input.quantity;
    if (!(qty >= Number(s.minQty)) || !onStep(qty, Number(s.stepSize))) throw new BinanceError(400, -1013, 'Filter failure: LOT_SIZE');
    const onTick = (p: number | null | undefined): p is number => typeof p === 'number' && p > 0 && onStep(p, Number(s.tickSize));
    if (hasPrice(type) && !onTick(input.price)) throw new BinanceError(400, -1013, 'Filter failure: PRICE_FILTER');
    if (isStop(type) && !onTick(input.stopPrice)) throw new BinanceError(400, -1013, 'Filter failure: PRICE_FILTER');
    const market = this.price(input.symbol);
    const stopPrice = isStop(type) ? (input.stopPrice as number) : 0;
    // As Binance: a stop-loss sells when the price falls to its stop (buys when it rises to it); one already there is refused.
    if (isStop(type) && (input.side === 'SELL' ? market <= stopPrice : market >= stopPrice)) throw new BinanceError(400, -2010, 'Stop price would trigger immediately.');
    const px = hasPrice(type) ? (input.price as number) : isStop(type) ? stopPrice : market;
    if (qty * px < Number(s.minNotional)) throw new BinanceError(400, -1013, 'Filter failure: NOTIONAL');
    const rests = type !== 'MARKET';
    this.reserve(s, input.side, qty, px, rests);
    const ts = this.now();
    const order: FakeOrder = {
      orderId: this.nextOrderId++, clientOrderId: input.clientOrderId, symbol: s.symbol, side: input.side, type,
      price: hasPrice(type) ? px : 0, stopPrice, isWorking: !isStop(type), lockPx: rests ? px : 0, origQty: qty, executedQty: 0, cumQuote: 0, status: 'NEW', time: ts, updateTime: ts,
    };
    this.orders.push(order);
    if (type === 'MARKET') this.fillInParts(order, market, this.marketFillParts, false);
    else if (this.crosses(order, market)) this.fill(order, order.origQty, market, false);
    return order;
  }

  /**
   * Moves the market price: stops it reaches start working (a STOP_LOSS sells or buys at this price,
   * so a gap fills at the gap), then resting limit orders it crosses fill at their own price.
   */
  setPrice(symbol: string, price: number): void {
    this.prices.set(symbol, price);
    for (const o of this.orders) {
      if (o.symbol !== symbol || !isOpen(o) || o.isWorking) continue;
      if (o.side === 'SELL' ? price > o.stopPrice : price < o.stopPrice) continue;
      o.isWorking = true;
      o.updateTime = this.now();
      if (o.type === 'STOP_LOSS') this.fill(o, o.origQty - o.executedQty, price, false);
    }
    for (const o of this.orders) if (o.symbol === symbol && isOpen(o) && this.crosses(o, price)) this.fill(o, o.origQty - o.executedQty, o.price, true);
  }

  price(symbol: string): number {
    return this.prices.get(symbol) ?? 1;
  }

  /** Fills part of an open order at its limit price (or the market price for a market order). */
  fillPartially(clientOrderId: string, qty: number): FakeTrade {
    const order = this.orders.find((o) => isOpen(o) && o.clientOrderId === clientOrderId);
    if (!order) throw new Error(`no open order ${clientOrderId} at the fake`);
    return this.fill(order, Math.min(qty, order.origQty - order.executedQty), order.price || this.price(order.symbol), true);
  }

  cancel(order: FakeOrder): void {
    if (!isOpen(order)) throw new BinanceError(400, -2011, 'Unknown order sent.');
    this.release(order);
    order.status = 'CANCELED';
    order.updateTime = this.now();
  }

  /** Expires an open order as the exchange may (time in force, self-trade prevention). */
  expire(clientOrderId: string): void {
    const order = this.orders.find((o) => isOpen(o) && o.clientOrderId === clientOrderId);
    if (!order) throw new Error(`no open order ${clientOrderId} at the fake`);
    this.release(order);
    order.status = 'EXPIRED';
    order.updateTime = this.now();
  }

  /** The newest order with this client id (Binance answers with the latest one). */
  byClientId(symbol: string, clientOrderId: string): FakeOrder | undefined {
    return this.orders.findLast((o) => o.symbol === symbol && o.clientOrderId === clientOrderId);
  }

  openOrders(symbol?: string): FakeOrder[] {
    return this.orders.filter((o) => isOpen(o) && (symbol === undefined || o.symbol === symbol));
  }

  /** How many orders the fake holds with this client id: above 1 means an order was duplicated. */
  countByClientId(clientOrderId: string): number {
    return this.orders.filter((o) => o.clientOrderId === clientOrderId).length;
  }

  private crosses(o: FakeOrder, market: number): boolean {
    return hasPrice(o.type) && o.isWorking && (o.side === 'BUY' ? market <= o.price : market >= o.price);
  }

  private fillInParts(order: FakeOrder, px: number, parts: number, maker: boolean): void {
    const step = Number(this.symbol(order.symbol).stepSize);
    const part = Math.max(step, Math.floor(order.origQty / parts / step) * step);
    while (order.origQty - order.executedQty > step / 2) this.fill(order, Math.min(part, order.origQty - order.executedQty), px, maker);
  }

  private fill(order: FakeOrder, qty: number, px: number, maker: boolean): FakeTrade {
    const s = this.symbol(order.symbol);
    const quote = qty * px;
    const fee = quote * FEE_RATE;
    const base = this.balance(s.base);
    const quoteBal = this.balance(s.quote);
    // A resting order's reservation is released for the part that fills, then the fill is booked.
    const reserved = order.lockPx > 0 ? (order.side === 'BUY' ? qty * order.lockPx : qty) : 0;
    const spent = order.side === 'BUY' ? quoteBal : base;
    spent.locked -= reserved;
    spent.free += reserved;
    if (order.side === 'BUY') {
      quoteBal.free -= quote + fee;
      base.free += qty;
    } else {
      base.free -= qty;
      quoteBal.free += quote - fee;
    }
    order.executedQty += qty;
    order.cumQuote += quote;
    order.status = order.origQty - order.executedQty > 1e-12 ? 'PARTIALLY_FILLED' : 'FILLED';
    order.updateTime = this.now();
    const trade: FakeTrade = { id: this.nextTradeId++, orderId: order.orderId, symbol: order.symbol, price: px, qty, commission: fee, commissionAsset: s.quote, time: order.updateTime, isBuyer: order.side === 'BUY', isMaker: maker };
    this.trades.push(trade);
    return trade;
  }

  private reserve(s: FakeSymbol, side: 'BUY' | 'SELL', qty: number, px: number, rests: boolean): void {
    const asset = side === 'BUY' ? this.balance(s.quote) : this.balance(s.base);
    const need = side === 'BUY' ? qty * px * (1 + FEE_RATE) : qty;
    if (asset.free < need) throw new BinanceError(400, -2010, 'Account has insufficient balance for requested action.');
    if (!rests) return;
    const lock = side === 'BUY' ? qty * px : qty;
    asset.free -= lock;
    asset.locked += lock;
  }

  private release(order: FakeOrder): void {
    const s = this.symbol(order.symbol);
    const left = order.origQty - order.executedQty;
    const asset = order.side === 'BUY' ? this.balance(s.quote) : this.balance(s.base);
    const amount = order.side === 'BUY' ? left * order.lockPx : left;
    asset.locked -= amount;
    asset.free += amount;
  }
}
