import { VenueRegistry } from '../../venues/venue-registry.ts';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { ok } from '../../../../shared/errors.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import { EventBus } from '../../event-bus.ts';
import type { Database } from '../../persistence/database.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { silentLogger } from '../../ports/logger.ts';
import { ScriptedVenue } from '../../testing/scripted-venue.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import type { VenueFill, VenueOrderSnapshot } from '../../venues/venue.ts';
import { OrderManager } from '../order-manager.ts';
import { Reconciler } from './reconciler.ts';
import type { ReconcileTarget } from './target.ts';

export const ACCOUNT = 'acct-1';
export const SYMBOL = 'BTC/USDT';

/** SQLite calls resolve at once; a few macrotasks let every chained transaction finish. */
export async function flush(orders?: OrderManager): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await orders?.settled();
}

/** A bot bound to the account (written directly: the bot form offers only the paper account so far). */
export async function insertAccountBot(db: Kysely<Database>, id: string, symbol = SYMBOL, account = ACCOUNT): Promise<void> {
  await db
    .insertInto('bots')
    .values({ id, name: id, symbol, timeframe: '1m', strategyJson: JSON.stringify({ kind: 'tradingview', maxEntries: 3 }), orderQty: 1, account, status: 'running', createdAt: 0, updatedAt: 0, deletedAt: null })
    .execute();
}

export const fill = (clientOrderId: string, n: number, qty: number, px: number, ts = 1_000 + n): VenueFill => ({ fillId: `${clientOrderId}-f${n}`, clientOrderId, qty, px, fee: 0, ts });

export function view(order: Pick<Order, 'clientOrderId' | 'side' | 'qty' | 'price'> & { symbol?: string }, status: VenueOrderSnapshot['status'], fills: VenueFill[] = []): VenueOrderSnapshot {
  return { symbol: SYMBOL, type: 'LIMIT', venueOrderId: `v-${order.clientOrderId}`, reason: null, ts: 900, ...order, status, fills };
}

/** One session of the app on a database file: a fresh venue connection and order manager, as after a restart. */
export async function session(file: string, venue = new ScriptedVenue(ACCOUNT), inFlightGraceMs = 60_000) {
  const { db, close } = await openDatabase(file);
  const orders = new OrderManager({ db, venues: new VenueRegistry([[ACCOUNT, venue]]), bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger: silentLogger });
  await orders.loadPositions();
  const target: ReconcileTarget = { accountId: ACCOUNT, venue, orders, lastPrice: () => 100 };
  const wallClock = manualClock();
  const reconciler = new Reconciler({ db, clock: wallClock, logger: silentLogger, retryFirstMs: 5, retryMaxMs: 20, unknownGraceMs: 0, inFlightGraceMs });
  return { db, close: async () => { await reconciler.stop(); await close(); }, venue, orders, target, reconciler, wallClock };
}

export const databaseFile = () => join(tempDir(), 'reconcile.sqlite');

/** Places a limit order and answers its submit as the test says: accepted, or lost on the way. */
export async function placeLimit(s: Awaited<ReturnType<typeof session>>, clientOrderId: string, qty: number, price: number, reply: 'accepted' | 'lost' | 'none', side: 'BUY' | 'SELL' = 'BUY'): Promise<void> {
  const placing = s.orders.place({ botId: 'b1', symbol: SYMBOL, side, type: 'LIMIT', qty, price, clientOrderId });
  await flush(s.orders);
  if (reply === 'none') return;
  s.venue.answerSubmit(clientOrderId, reply === 'lost' ? 'lost' : ok({ venueOrderId: `v-${clientOrderId}`, fills: [] }));
  await placing;
}
