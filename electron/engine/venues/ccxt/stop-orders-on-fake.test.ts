import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { delay } from '../../../../shared/delay.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { listOrderEvents } from '../../persistence/order-events.repository.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { silentLogger } from '../../ports/logger.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { VenueRegistry } from '../venue-registry.ts';
import { fakeVenueForEachTest } from './testing/fake-per-test.ts';

// Stop orders through the real ccxt client to the fake Binance: sent as STOP_LOSS / STOP_LOSS_LIMIT
// with ccxt's unified triggerPrice, held at the exchange, and booked when the exchange fires them.
const session = fakeVenueForEachTest();

async function setup() {
  const { db } = await openDatabase(join(tempDir(), 'ccxt-stops.sqlite'));
  const { venue } = await session.open();
  const orders = new OrderManager({ db, venues: new VenueRegistry([['binance-test', venue]]), bus: new EventBus(() => undefined), clock: manualClock(), logger: silentLogger });
  await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: 'binance-test', status: 'running', createdAt: 0, updatedAt: 0 });
  return { db, orders, venue };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i += 1) await delay(10);
}

describe('stop orders on the ccxt venue and the fake Binance', () => {
  it('says the exchange holds stops', async () => {
    const { venue } = await setup();
    expect(venue.holdsStops).toBe(true);
  });

  it('sends a sell stop as STOP_LOSS with its stopPrice; the exchange fires it on a gap and the fill is booked at the gap', async () => {
    const { db, orders, venue } = await setup();
    await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.01, clientOrderId: 'sr-stop-entry' });
    const stop = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'SELL', type: 'STOP', qty: 0.01, triggerPrice: 48_000.004, clientOrderId: 'sr-stop-1', reduceOnly: true });
    expect(stop).toMatchObject({ status: 'ACCEPTED', triggerPrice: 48_000 });
    expect(session.fake().book.byClientId('BTCUSDT', 'sr-stop-1')).toMatchObject({ type: 'STOP_LOSS', stopPrice: 48_000, price: 0, isWorking: false, status: 'NEW' });
    expect(await venue.fetchOrder({ clientOrderId: 'sr-stop-1', symbol: 'BTC/USDT' })).toMatchObject({ status: 'open', type: 'STOP', triggerPrice: 48_000 });
    session.fake().book.setPrice('BTCUSDT', 49_000);
    await delay(60);
    expect((await findOrder(db, 'sr-stop-1'))?.status).toBe('ACCEPTED');
    session.fake().book.setPrice('BTCUSDT', 47_000);
    await until(async () => (await findOrder(db, 'sr-stop-1'))?.status === 'FILLED');
    await orders.settled();
    expect(await findOrder(db, 'sr-stop-1')).toMatchObject({ status: 'FILLED', filledQty: 0.01, avgFillPx: 47_000 });
    expect(orders.position('b1', 'BTC/USDT').netQty).toBe(0);
    expect(session.fake().book.countByClientId('sr-stop-1')).toBe(1);
    const history = await listOrderEvents(db, 'sr-stop-1');
    expect(history.map((e) => e.kind)).toEqual(['submitted', 'accepted', 'triggered', 'filled']);
    expect(history[2]?.detail).toBe('Triggered at 47000 (trigger price 48000): sent as a market order');
  });

  it('sends a stop-limit as STOP_LOSS_LIMIT with its limit and stop prices', async () => {
    const { orders } = await setup();
    const stop = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'STOP_LIMIT', qty: 0.01, triggerPrice: 51_000, price: 51_100, clientOrderId: 'sr-stop-2' });
    expect(stop.status).toBe('ACCEPTED');
    expect(session.fake().book.byClientId('BTCUSDT', 'sr-stop-2')).toMatchObject({ type: 'STOP_LOSS_LIMIT', stopPrice: 51_000, price: 51_100, isWorking: false });
  });

  it('is refused by the exchange, with its words, when the trigger is already passed', async () => {
    const { orders } = await setup();
    const stop = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'SELL', type: 'STOP', qty: 0.01, triggerPrice: 50_500, clientOrderId: 'sr-stop-3' });
    expect(stop.status).toBe('REJECTED');
    expect(stop.rejectReason).toContain('Stop price would trigger immediately');
    expect(session.fake().book.countByClientId('sr-stop-3')).toBe(0);
  });

  it('refuses a trigger that rounds to nothing before anything is sent', async () => {
    const { orders } = await setup();
    const stop = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'STOP', qty: 0.01, triggerPrice: 1e-9, clientOrderId: 'sr-stop-4' });
    expect(stop.status).toBe('REJECTED');
    expect(session.fake().book.countByClientId('sr-stop-4')).toBe(0);
  });
});
