import { VenueRegistry } from '../venue-registry.ts';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { delay } from '../../../../shared/delay.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { silentLogger } from '../../ports/logger.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { type FakeBinance, startFakeBinance } from './testing/fake-binance/server.ts';
import { venueOnFake } from './testing/venue-on-fake.ts';

// The engine's real order path (write-ahead row, transitions, fills -> position) on the ccxt venue
// against the fake exchange. Kept small: the order manager's wiring of venues is changing.
let fake: FakeBinance;
let cleanup: (() => Promise<void>)[] = [];
beforeEach(async () => {
  fake = await startFakeBinance();
});
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  await fake.close();
});

async function setup() {
  const { db, close } = await openDatabase(join(tempDir(), 'ccxt-orders.sqlite'));
  const { venue } = await venueOnFake(fake, { rateLimit: false });
  cleanup.push(close, () => venue.close());
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger: silentLogger });
  await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  return { db, orders };
}

describe('OrderManager on the ccxt venue and the fake Binance', () => {
  it('a market order whose reply timed out after the exchange filled it: FILLED once, position booked once', async () => {
    const { db, orders } = await setup();
    fake.fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    const placed = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.002, clientOrderId: 'sr-om-1' });
    await orders.settled();
    expect(placed).toMatchObject({ status: 'FILLED', filledQty: 0.002, avgFillPx: 50_000 });
    expect(fake.book.countByClientId('sr-om-1')).toBe(1);
    expect(orders.position('b1', 'BTC/USDT').netQty).toBe(0.002);
    expect((await findOrder(db, 'sr-om-1'))?.venueOrderId).toBe(String(fake.book.byClientId('BTCUSDT', 'sr-om-1')?.orderId));
  });

  it('a limit order filled in part at the exchange, then canceled: the position equals what filled', async () => {
    const { db, orders } = await setup();
    const placed = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000, clientOrderId: 'sr-om-2' });
    expect(placed.status).toBe('ACCEPTED');
    fake.book.fillPartially('sr-om-2', 0.004);
    for (let i = 0; i < 100 && (await findOrder(db, 'sr-om-2'))?.filledQty === 0; i += 1) await delay(10);
    const canceled = await orders.cancel('sr-om-2');
    await orders.settled();
    expect(canceled.ok && canceled.value.status).toBe('CANCELED');
    expect(await findOrder(db, 'sr-om-2')).toMatchObject({ status: 'CANCELED', filledQty: 0.004 });
    expect(orders.position('b1', 'BTC/USDT').netQty).toBe(0.004);
  });

  it('an order the exchange refuses is stored REJECTED with the exchange reason', async () => {
    const { orders } = await setup();
    const placed = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 100, clientOrderId: 'sr-om-3' });
    expect(placed).toMatchObject({ status: 'REJECTED', rejectReason: 'Binance refused the order sr-om-3: Account has insufficient balance for requested action.' });
  });
});
