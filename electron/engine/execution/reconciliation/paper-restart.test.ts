import { VenueRegistry } from '../../venues/venue-registry.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../event-bus.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { listOrderEvents } from '../../persistence/order-events.repository.ts';
import { silentLogger } from '../../ports/logger.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { PaperVenue } from '../../venues/paper/paper-venue.ts';
import { OrderManager } from '../order-manager.ts';
import { paperTarget } from '../reconcile-paper.ts';
import { CANCEL_COMPLETED, NEVER_ARRIVED_IN_PROCESS } from './order-outcome.ts';
import { flush } from './reconcile-test-setup.ts';
import { Reconciler } from './reconciler.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };

async function paperSession(file: string) {
  const { db, close } = await openDatabase(file);
  const venue = new PaperVenue([SOL], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
  venue.markPrice('SOL/USDT', 100);
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger: silentLogger });
  await orders.loadPositions();
  const reconciler = new Reconciler({ db, clock: manualClock(), logger: silentLogger });
  return { db, venue, orders, reconciler, close };
}

describe('the paper account through the generic reconciler', () => {
  it('puts resting limits back, rejects a submit that never reached it, completes a requested cancel', async () => {
    const file = join(tempDir(), 'paper.sqlite');
    const before = await paperSession(file);
    await insertBot(before.db, { id: 'b1', name: 'b', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
    for (const id of ['sr-resting', 'sr-pending', 'sr-canceling']) await before.orders.place({ botId: 'b1', symbol: 'SOL/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 90, clientOrderId: id });
    // As the app left them when it was killed (a paper order commits with its outcome, so these come from older builds or a hand-edited file).
    await before.db.updateTable('orders').set({ status: 'PENDING_SUBMIT', venueOrderId: null }).where('clientOrderId', '=', 'sr-pending').execute();
    await before.db.updateTable('orders').set({ status: 'PENDING_CANCEL' }).where('clientOrderId', '=', 'sr-canceling').execute();
    await before.close();

    const after = await paperSession(file);
    const result = await after.reconciler.register(paperTarget(after.orders, after.venue, (s) => after.venue.lastPrice(s)));
    expect(result).toMatchObject({ state: 'ready', mismatches: [] });
    expect(await findOrder(after.db, 'sr-pending')).toMatchObject({ status: 'REJECTED', rejectReason: NEVER_ARRIVED_IN_PROCESS });
    expect(await findOrder(after.db, 'sr-canceling')).toMatchObject({ status: 'CANCELED' });
    expect((await listOrderEvents(after.db, 'sr-canceling')).at(-1)?.detail).toBe(`Canceled: ${CANCEL_COMPLETED}`);
    expect((await after.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['sr-resting']);
    after.venue.markPrice('SOL/USDT', 89);
    await flush(after.orders);
    expect(await findOrder(after.db, 'sr-resting')).toMatchObject({ status: 'FILLED', filledQty: 1 });
    expect(after.orders.position('b1', 'SOL/USDT').netQty).toBe(1);

    // Waking later does not put a filled order back (restore is for the first run only).
    await after.reconciler.reconcileAll('wake');
    expect(await after.venue.openOrders()).toEqual([]);
    await after.reconciler.stop();
    await after.close();
  });
});
