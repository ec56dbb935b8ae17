import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { listOrderEvents } from '../persistence/order-events.repository.ts';
import { findOrder } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import { OrderManager } from './order-manager.ts';
import { reconcilePaperOrders } from './reconcile-paper.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };

async function engineOn(file: string) {
  const opened = await openDatabase(file);
  const clock = manualClock();
  const venue = new PaperVenue([BTC], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  venue.markPrice('BTC/USDT', 100);
  const orders = new OrderManager({ db: opened.db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus(() => undefined), clock, logger: silentLogger });
  orders.useLastPrice((symbol) => venue.lastPrice(symbol));
  return { ...opened, venue, orders };
}

async function setup() {
  const file = join(tempDir(), 'stops.sqlite');
  const engine = await engineOn(file);
  await insertBot(engine.db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  return { ...engine, file };
}

describe('stop orders through the order manager', () => {
  it('stores the trigger, keeps the stop open, and books its fill with “triggered at” in the history', async () => {
    const { db, venue, orders } = await setup();
    const placed = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'STOP', qty: 1, triggerPrice: 110.004 });
    expect(placed).toMatchObject({ status: 'ACCEPTED', type: 'STOP', triggerPrice: 110, price: null });
    venue.markPrice('BTC/USDT', 111);
    await orders.settled();
    expect(await findOrder(db, placed.clientOrderId)).toMatchObject({ status: 'FILLED', avgFillPx: 111 });
    expect(orders.position('b1', 'BTC/USDT').netQty).toBe(1);
    const history = (await listOrderEvents(db, placed.clientOrderId)).map((e) => [e.kind, e.detail]);
    expect(history).toEqual([
      ['submitted', 'BUY 1 BTC/USDT STOP (trigger 110)'],
      ['accepted', 'Accepted by the venue as paper-' + placed.clientOrderId],
      ['triggered', 'Triggered at 111 (trigger price 110): sent as a market order'],
      ['filled', 'Filled 1 @ 111 (fee 0); 1 of 1 filled'],
    ]);
  });

  it('refuses a stop whose trigger the price has already passed, and one with no trigger, saying why', async () => {
    const { orders } = await setup();
    const passed = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'SELL', type: 'STOP', qty: 1, triggerPrice: 101 });
    expect(passed).toMatchObject({ status: 'REJECTED', rejectReason: 'A sell stop triggers when the price falls to it: the trigger 101 must be below the last BTC/USDT price 100' });
    const none = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'SELL', type: 'STOP_LIMIT', qty: 1, price: 90 });
    expect(none).toMatchObject({ status: 'REJECTED', rejectReason: 'A stop order needs a trigger price above 0, not null' });
    const limitWithTrigger = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 90, triggerPrice: 95 });
    expect(limitWithTrigger.rejectReason).toBe('Only stop orders take a trigger price; a LIMIT order does not');
  });

  it('puts a resting stop back after a restart, so it still fires', async () => {
    const { orders, file, sqlite } = await setup();
    const placed = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'STOP_LIMIT', qty: 1, triggerPrice: 105, price: 106 });
    expect(placed.status).toBe('ACCEPTED');
    sqlite.close();
    const again = await engineOn(file);
    await again.orders.loadPositions();
    await reconcilePaperOrders(again.db, again.orders, again.venue);
    expect(await again.venue.openOrders()).toMatchObject([{ clientOrderId: placed.clientOrderId, type: 'STOP_LIMIT', triggerPrice: 105, price: 106 }]);
    again.venue.markPrice('BTC/USDT', 105.5);
    await again.orders.settled();
    expect(await findOrder(again.db, placed.clientOrderId)).toMatchObject({ status: 'FILLED', avgFillPx: 105.5 });
  });
});
