import { join } from 'node:path';
import { EventBus } from '../../../event-bus.ts';
import { OrderManager } from '../../../execution/order-manager.ts';
import { Reconciler } from '../../../execution/reconciliation/reconciler.ts';
import { insertBot } from '../../../persistence/bots.repository.ts';
import { openDatabase } from '../../../persistence/open-database.ts';
import { findOrder } from '../../../persistence/orders.repository.ts';
import { recordingLogger } from '../../../testing/recording-logger.ts';
import { manualClock, tempDir } from '../../../testing/temp-dir.ts';
import { systemClock } from '../../../ports/clock.ts';
import { delay } from '../../../../../shared/delay.ts';
import { VenueRegistry } from '../../venue-registry.ts';
import type { CcxtVenueSettings } from '../ccxt-venue.ts';
import type { FakeBinance } from './fake-binance/server.ts';
import { venueOnFake } from './venue-on-fake.ts';

/** The engine's order path as wired (order manager, the account's reconciler) on a ccxt venue against the fake, on a real SQLite file. */
export async function accountOnFake(fake: FakeBinance, settings?: Partial<CcxtVenueSettings>) {
  const { db, close } = await openDatabase(join(tempDir(), 'attack.sqlite'));
  const { venue, events, logger } = await venueOnFake(fake, { rateLimit: false, ...(settings ? { settings } : {}) });
  const reconciler = new Reconciler({ db, clock: systemClock, logger: recordingLogger(), retryFirstMs: 20, retryMaxMs: 50, unknownGraceMs: 0, inFlightGraceMs: 50 });
  const orders = new OrderManager({ db, venues: new VenueRegistry([[venue.id, venue]]), bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger, blockedAccount: (id) => reconciler.admission(id) });
  await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: venue.id, status: 'running', createdAt: 0, updatedAt: 0 });
  await reconciler.register({ accountId: venue.id, venue, orders, lastPrice: () => 50_000 });
  const stop = async () => {
    await reconciler.stop();
    await venue.close();
    await close();
  };
  /** Waits (bounded) until the stored order satisfies `done`; returns it as stored then. */
  const until = async (clientOrderId: string, done: (status: string | undefined) => boolean, tries = 300) => {
    for (let i = 0; i < tries && !done((await findOrder(db, clientOrderId))?.status); i += 1) await delay(10);
    await orders.settled();
    return findOrder(db, clientOrderId);
  };
  return { db, venue, events, logger, orders, reconciler, stop, until };
}
