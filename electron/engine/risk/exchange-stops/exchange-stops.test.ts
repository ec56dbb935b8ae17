import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { delay } from '../../../../shared/delay.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { silentLogger } from '../../ports/logger.ts';
import { delegatingVenue } from '../../testing/delegating-venue.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import type { FakeOrder } from '../../venues/ccxt/testing/fake-binance/book.ts';
import { fakeVenueForEachTest } from '../../venues/ccxt/testing/fake-per-test.ts';
import type { Venue } from '../../venues/venue.ts';
import { VenueRegistry } from '../../venues/venue-registry.ts';
import { Protections } from '../protections.ts';
import { ExchangeStops } from './exchange-stops.ts';

// The keeper of exchange-held stops, on the real ccxt client against the fake Binance.
const session = fakeVenueForEachTest();

const SYMBOL = 'BTC/USDT';
const ACCOUNT = 'binance-test';

async function setup(options: { wrap?: (venue: Venue) => Venue; file?: string } = {}) {
  const file = options.file ?? join(tempDir(), 'held-stops.sqlite');
  const { db } = await openDatabase(file);
  const { venue: ccxt } = await session.open();
  const venue = options.wrap?.(ccxt) ?? ccxt;
  const clock = manualClock();
  const bus = new EventBus((error) => {
    throw error;
  });
  const orders = new OrderManager({ db, venues: new VenueRegistry([[ACCOUNT, venue]]), bus, clock, logger: silentLogger });
  await orders.loadPositions();
  await insertBot(db, { id: 'b1', name: 'b', symbol: SYMBOL, timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: ACCOUNT, status: 'running', createdAt: 0, updatedAt: 0 }).catch(() => undefined);
  const protections = new Protections({ db, orders, bus, logger: silentLogger, clock, instruments: venue.instruments() });
  await protections.load();
  let halted = false;
  const stops = new ExchangeStops({ db, orders, venues: new VenueRegistry([[ACCOUNT, venue]]), bus, stopLoss: (b, s) => protections.get(b, s)?.stopLoss ?? null, clock, logger: silentLogger, halted: () => halted });
  stops.start();
  const settle = async () => {
    for (let i = 0; i < 5; i += 1) {
      await orders.settled();
      await stops.settled();
      await delay(30); // the venue's poll (20 ms) reports fills and cancels made at the exchange
    }
  };
  return { db, orders, protections, stops, clock, bus, settle, file, halt: (on: boolean) => (halted = on) };
}

const heldAtFake = () => session.fake().book.openOrders('BTCUSDT').filter((o) => o.type === 'STOP_LOSS');

/** Fails the test if the exchange ever holds two of our stops at once: they could both fill. */
function neverTwoStops(): { worst: number } {
  const seen = { worst: 0 };
  const place = session.fake().book.place.bind(session.fake().book);
  session.fake().book.place = (input): FakeOrder => {
    const order = place(input);
    seen.worst = Math.max(seen.worst, heldAtFake().length);
    return order;
  };
  return seen;
}

describe('exchange-held stops', () => {
  it('places one reduce-only stop for the whole position at its stop-loss, and says it is held', async () => {
    const { orders, protections, stops, settle } = await setup();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    expect(stops.state('b1', SYMBOL)).toBeNull(); // no stop-loss yet: nothing to hold
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await settle();
    expect(heldAtFake()).toMatchObject([{ side: 'SELL', origQty: 0.01, stopPrice: 48_000 }]);
    expect(stops.state('b1', SYMBOL)).toEqual({ status: 'held', problem: null });
  });

  it('replaces the stop when the level or the size changes, canceling first, never two at once; cancels it when the position closes', async () => {
    const { orders, protections, stops, settle } = await setup();
    const twice = neverTwoStops();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await settle();
    await protections.set('b1', SYMBOL, { stopLoss: 48_500, takeProfit: null });
    await settle();
    expect(heldAtFake()).toMatchObject([{ origQty: 0.01, stopPrice: 48_500 }]);
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await settle();
    expect(heldAtFake()).toMatchObject([{ origQty: 0.02, stopPrice: 48_500 }]);
    expect(stops.state('b1', SYMBOL)?.status).toBe('held');
    expect(twice.worst).toBe(1);
    // The trader closes by hand: the held stop is taken back first, then the close goes.
    const close = await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'SELL', type: 'MARKET', qty: 0.02, reduceOnly: true, source: 'manual' });
    expect(close.status).toBe('FILLED');
    await settle();
    expect(orders.position('b1', SYMBOL).netQty).toBe(0);
    expect(heldAtFake()).toEqual([]);
    expect(stops.state('b1', SYMBOL)).toBeNull();
  });

  it('closes once when the exchange fires the stop while the engine’s own stop-loss fires too', async () => {
    const { orders, protections, settle } = await setup();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await settle();
    const sellsBefore = session.fake().book.trades.filter((t) => !t.isBuyer).length;
    // The same tick at the exchange (its stop fires) and in the engine (its level is reached).
    session.fake().book.setPrice('BTCUSDT', 47_900);
    await protections.onPrice(SYMBOL, 47_900);
    await settle();
    await protections.onPrice(SYMBOL, 47_900);
    await settle();
    const sells = session.fake().book.trades.filter((t) => !t.isBuyer).slice(sellsBefore);
    expect(sells.map((t) => t.qty)).toEqual([0.01]);
    expect(orders.position('b1', SYMBOL).netQty).toBe(0);
    expect(session.fake().book.balance('BTC').free).toBe(10); // the 0.01 bought is sold once: no coin of the account's own is sold
  });

  it('closes once when the exchange fired the stop but cannot say so yet while the engine’s stop-loss fires: the engine’s close is refused', async () => {
    const { orders, protections, settle } = await setup();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await settle();
    const sellsBefore = session.fake().book.trades.filter((t) => !t.isBuyer).length;
    session.fake().book.setPrice('BTCUSDT', 47_900);
    // The exchange fills the stop, then answers nothing about orders: the cancel's outcome is unknown.
    for (const endpoint of ['DELETE /api/v3/order', 'GET /api/v3/order', 'GET /api/v3/openOrders', 'GET /api/v3/allOrders', 'GET /api/v3/myTrades']) session.fake().fault({ kind: 'server_error', endpoint });
    await protections.onPrice(SYMBOL, 47_900);
    await orders.settled();
    expect(session.fake().book.trades.filter((t) => !t.isBuyer).slice(sellsBefore)).toHaveLength(1); // the stop's own: no second sell
    session.fake().faults.clear();
    await settle();
    await protections.onPrice(SYMBOL, 47_900);
    await settle();
    expect(session.fake().book.trades.filter((t) => !t.isBuyer).slice(sellsBefore).map((t) => t.qty)).toEqual([0.01]);
    expect(orders.position('b1', SYMBOL).netQty).toBe(0);
  });

  it('flags a live position on a venue without stop orders as not supported', async () => {
    const { orders, protections, stops, settle } = await setup({ wrap: (venue) => delegatingVenue(venue, { holdsStops: false }) });
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await settle();
    expect(stops.state('b1', SYMBOL)).toMatchObject({ status: 'not_supported' });
    expect(heldAtFake()).toEqual([]);
  });

  it('flags a refused stop as missing with the exchange’s reason, and does not ask again for a minute', async () => {
    const { orders, protections, stops, settle, clock } = await setup();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    // A stop-loss above the price of a long: the exchange would fire it at once, so it refuses it.
    await protections.set('b1', SYMBOL, { stopLoss: 50_500, takeProfit: null });
    await settle();
    expect(stops.state('b1', SYMBOL)).toMatchObject({ status: 'missing', problem: expect.stringContaining('Stop price would trigger immediately') });
    await protections.set('b1', SYMBOL, { stopLoss: 50_500, takeProfit: null });
    await settle();
    expect(session.fake().book.orders.filter((o) => o.type === 'STOP_LOSS')).toEqual([]);
    const asked = session.fake().requests.filter((r) => r.endpoint === 'POST /api/v3/order').length;
    await protections.set('b1', SYMBOL, { stopLoss: 50_500, takeProfit: null });
    await settle();
    expect(session.fake().requests.filter((r) => r.endpoint === 'POST /api/v3/order').length).toBe(asked);
    clock.advance(60_000);
    session.fake().book.setPrice('BTCUSDT', 51_000);
    await protections.set('b1', SYMBOL, { stopLoss: 50_500, takeProfit: null });
    await settle();
    expect(stops.state('b1', SYMBOL)?.status).toBe('held');
  });

  it('takes the held stop back for the engine’s take-profit close, which then closes the whole position', async () => {
    const { orders, protections, stops, settle } = await setup();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: 55_000 });
    await settle();
    expect(heldAtFake()).toHaveLength(1);
    session.fake().book.setPrice('BTCUSDT', 55_000);
    await protections.onPrice(SYMBOL, 55_000);
    await settle();
    expect(orders.position('b1', SYMBOL).netQty).toBe(0);
    expect(heldAtFake()).toEqual([]);
    expect(session.fake().book.orders.filter((o) => o.type === 'STOP_LOSS').map((o) => o.status)).toEqual(['CANCELED']);
    expect(stops.state('b1', SYMBOL)).toBeNull();
  });

  it('takes the held stop back for a plain sell that only closes the position (an alert’s close, not flagged reduce-only): never both at the exchange', async () => {
    const { orders, protections, stops, settle } = await setup();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await settle();
    expect(heldAtFake()).toHaveLength(1);
    const stopsOpenAtSell: number[] = [];
    const place = session.fake().book.place.bind(session.fake().book);
    session.fake().book.place = (input): FakeOrder => {
      if (input.type === 'MARKET') stopsOpenAtSell.push(heldAtFake().length);
      return place(input);
    };
    expect(await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'SELL', type: 'MARKET', qty: 0.01, source: 'alert' })).toMatchObject({ status: 'FILLED' });
    await settle();
    expect(stopsOpenAtSell).toEqual([0]); // had the stop stayed, both could sell the same 0.01 BTC
    expect(orders.position('b1', SYMBOL).netQty).toBe(0);
    expect(heldAtFake()).toEqual([]);
    expect(stops.state('b1', SYMBOL)).toBeNull();
  });

  it('finds its stop again after a restart instead of placing a second one', async () => {
    const first = await setup();
    await first.orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await first.protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await first.settle();
    const again = await setup({ file: first.file });
    await again.settle();
    expect(heldAtFake()).toHaveLength(1);
    expect(again.stops.state('b1', SYMBOL)).toEqual({ status: 'held', problem: null });
  });

  it('leaves a stop the trader canceled alone until the stop-loss changes, and says so', async () => {
    const { orders, protections, stops, settle } = await setup();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await settle();
    const id = heldAtFake()[0]?.clientOrderId ?? '';
    session.fake().book.cancel(session.fake().book.byClientId('BTCUSDT', id) as FakeOrder); // at the exchange's own screen
    await orders.reconcile(id);
    await settle();
    expect(heldAtFake()).toEqual([]);
    expect(stops.state('b1', SYMBOL)).toMatchObject({ status: 'missing', problem: expect.stringContaining('canceled outside StoxRobot') });
    await protections.set('b1', SYMBOL, { stopLoss: 47_000, takeProfit: null });
    await settle();
    expect(heldAtFake()).toMatchObject([{ stopPrice: 47_000 }]);
  });

  it('places nothing against the emergency stop’s sweep, and puts the stop back once it is lifted', async () => {
    const { orders, protections, stops, settle, halt } = await setup();
    await orders.place({ botId: 'b1', symbol: SYMBOL, side: 'BUY', type: 'MARKET', qty: 0.01 });
    await protections.set('b1', SYMBOL, { stopLoss: 48_000, takeProfit: null });
    await settle();
    halt(true);
    // The sweep cancels every open order, the held stop with them.
    await orders.cancel(heldAtFake()[0]?.clientOrderId ?? '');
    await settle();
    expect(heldAtFake()).toEqual([]);
    expect(stops.state('b1', SYMBOL)).toMatchObject({ status: 'missing', problem: expect.stringContaining('emergency stop') });
    halt(false);
    stops.resyncAll();
    await settle();
    expect(heldAtFake()).toMatchObject([{ stopPrice: 48_000, origQty: 0.01 }]);
    expect(stops.state('b1', SYMBOL)?.status).toBe('held');
  });
});
