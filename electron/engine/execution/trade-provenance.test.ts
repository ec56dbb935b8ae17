import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import { OrderManager } from './order-manager.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };

async function setup() {
  const { db } = await openDatabase(join(tempDir(), 'trades.sqlite'));
  const clock = manualClock();
  const venue = new PaperVenue([BTC], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  venue.markPrice('BTC/USDT', 100);
  await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock, logger: silentLogger });
  const trades = () => db.selectFrom('trades').select(['accountId', 'entryOrderId', 'exitOrderId', 'source', 'alertId', 'returnRatio', 'durationMs']).orderBy('id').execute();
  return { db, venue, clock, orders, trades };
}

const order = { botId: 'b1', symbol: 'BTC/USDT', type: 'MARKET', qty: 1 } as const;

describe('a trade names where it came from', () => {
  it('its account, the order that opened it (and who placed that), the order that closed it, its return and duration', async () => {
    const { venue, clock, orders, trades } = await setup();
    const entry = await orders.place({ ...order, side: 'BUY', source: 'manual' });
    await orders.place({ ...order, side: 'BUY', source: 'strategy' }); // an add keeps the trip's entry order
    clock.advance(60_000);
    venue.markPrice('BTC/USDT', 110);
    const exit = await orders.place({ ...order, side: 'SELL', qty: 2, reduceOnly: true, source: 'protection' });
    expect(await trades()).toEqual([{ accountId: 'paper', entryOrderId: entry.clientOrderId, exitOrderId: exit.clientOrderId, source: 'manual', alertId: null, returnRatio: 0.1, durationMs: 60_000 }]);
  });

  it('an alert’s trade names the alert', async () => {
    const { db, orders, trades } = await setup();
    const { id: alertId } = await db.insertInto('alerts').values({ dedupeKey: 'k', botId: 'b1', receivedAt: 0, commandJson: '{}', status: 'executed', result: null }).returning('id').executeTakeFirstOrThrow();
    const clientOrderId = `sr-alert-${alertId}-0`;
    await db.insertInto('alertLegs').values({ alertId, leg: 0, symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1, price: null, clientOrderId, status: 'done', reason: null }).execute();
    await orders.place({ ...order, side: 'BUY', source: 'alert', clientOrderId });
    await orders.place({ ...order, side: 'SELL', source: 'alert', reduceOnly: true });
    expect(await trades()).toEqual([expect.objectContaining({ entryOrderId: clientOrderId, source: 'alert', alertId })]);
  });

  it('a reversal opens the next trade with the order that reversed it', async () => {
    const { orders, trades } = await setup();
    const entry = await orders.place({ ...order, side: 'BUY', source: 'alert' });
    const flip = await orders.place({ ...order, side: 'SELL', qty: 2, source: 'strategy' });
    const close = await orders.place({ ...order, side: 'BUY', source: 'manual' });
    expect((await trades()).map((t) => [t.entryOrderId, t.exitOrderId, t.source])).toEqual([
      [entry.clientOrderId, flip.clientOrderId, 'alert'],
      [flip.clientOrderId, close.clientOrderId, 'strategy'],
    ]);
  });

  it('a position the trader adjusted without an order closes into a trade with no orders and no source', async () => {
    const { orders, trades } = await setup();
    await orders.adjustPosition('b1', 'BTC/USDT', 1, 100, 'the exchange held 1 more');
    await orders.adjustPosition('b1', 'BTC/USDT', -1, 90, 'sold outside StoxRobot');
    expect(await trades()).toEqual([{ accountId: 'paper', entryOrderId: null, exitOrderId: null, source: null, alertId: null, returnRatio: -0.1, durationMs: 0 }]);
  });
});
