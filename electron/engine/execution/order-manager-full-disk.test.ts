import { VenueRegistry } from '../venues/venue-registry.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors.ts';
import { EventBus } from '../event-bus.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { listFills } from '../persistence/ledger.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { findOrder, listOrders } from '../persistence/orders.repository.ts';
import { DiskFullError, StorageHealth } from '../persistence/storage-health.ts';
import { probeWrite } from '../persistence/storage-probe.ts';
import { silentLogger } from '../ports/logger.ts';
import { fillDisk, freeDisk, integrityCheck, until } from '../testing/full-disk.ts';
import { ScriptedVenue } from '../testing/scripted-venue.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import type { Venue } from '../venues/venue.ts';
import { OrderManager } from './order-manager.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };
/** A value that needs pages of its own: on a full disk no write carrying it can fit. */
const PAGES = 'p'.repeat(12_000);

/** An order manager on a real database whose failed queries reach a real StorageHealth, as in the engine. */
async function setup<V extends Venue>(venue: V) {
  const dir = tempDir();
  const storage = new StorageHealth({ dir, logger: silentLogger, probeIntervalMs: 10 });
  const opened = await openDatabase(join(dir, 'orders.sqlite'), { onQueryError: (error) => storage.noteFailure(error) });
  storage.useProbe(() => probeWrite(opened.db, dir));
  await insertBot(opened.db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  const bus = new EventBus((e) => {
    throw e;
  });
  const orders = new OrderManager({ db: opened.db, venues: new VenueRegistry([['paper', venue]]), bus, clock: manualClock(), logger: silentLogger, storage });
  return { ...opened, storage, orders, venue };
}

const limitBuy = (clientOrderId?: string) => ({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY' as const, type: 'LIMIT' as const, qty: 1, price: 90, ...(clientOrderId ? { clientOrderId } : {}) });

describe('orders on a full disk', () => {
  it('never sends a remote venue an order whose write-ahead row could not be written', async () => {
    const { db, storage, orders, venue, close } = await setup(new ScriptedVenue());
    await fillDisk(db);
    await expect(orders.place(limitBuy(`sr-${PAGES}`))).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(storage.writable).toBe(false);
    // Paused: the next order is refused before any write, even one that would fit.
    await expect(orders.place(limitBuy())).rejects.toBeInstanceOf(DiskFullError);
    expect(venue.submitted).toEqual([]);
    expect(await listOrders(db, { limit: 10 })).toEqual([]);

    await freeDisk(db);
    await storage.whenWritable();
    const placing = orders.place(limitBuy('sr-after'));
    await until(() => venue.submitted.length === 1, 'the order to reach the venue');
    venue.answerSubmit('sr-after', ok({ venueOrderId: 'v1', fills: [] }));
    expect(await placing).toMatchObject({ clientOrderId: 'sr-after', status: 'ACCEPTED' });
    expect(await integrityCheck(db)).toBe('ok');
    storage.close();
    await close();
  });

  it('keeps a fill it cannot write in memory and writes it once space returns', async () => {
    const { db, storage, orders, venue, close } = await setup(new ScriptedVenue());
    const placing = orders.place(limitBuy('sr-1'));
    await until(() => venue.submitted.length === 1, 'the order to reach the venue');
    venue.answerSubmit('sr-1', ok({ venueOrderId: 'v1', fills: [] }));
    await placing;
    await fillDisk(db);

    const fill = { fillId: `fill-${PAGES}`, clientOrderId: 'sr-1', qty: 1, px: 90, fee: 0.09, ts: 5 };
    venue.report({ kind: 'filled', fill });
    venue.report({ kind: 'filled', fill });
    await until(() => !storage.writable, 'the full disk to be noticed');
    expect((await findOrder(db, 'sr-1'))?.status).toBe('ACCEPTED');
    expect(await listFills(db, { limit: 10 })).toEqual([]);

    await freeDisk(db);
    await orders.settled();
    expect((await findOrder(db, 'sr-1'))?.status).toBe('FILLED');
    expect(await listFills(db, { limit: 10 })).toEqual([expect.objectContaining({ fillId: fill.fillId, lastQty: 1, lastPx: 90 })]);
    expect(orders.position('b1', 'BTC/USDT').netQty).toBe(1);
    expect(await integrityCheck(db)).toBe('ok');
    storage.close();
    await close();
  });

  it('leaves nothing resting at the in-process venue when the order’s transaction cannot commit', async () => {
    const venue = new PaperVenue([BTC], manualClock(), { takerFee: 0.001, makerFee: 0.001, slippageBps: 0 });
    venue.markPrice('BTC/USDT', 100);
    const { db, sqlite, storage, orders, close } = await setup(venue);
    const kept = await orders.place(limitBuy('sr-kept'));
    await fillDisk(db);
    const submit = venue.submit.bind(venue);
    // The disk fills between the venue's answer and the commit: a write inside the same transaction meets it.
    venue.submit = async (request) => {
      const reply = await submit(request);
      sqlite.prepare("insert into settings (key, value_json) values ('filler', ?)").run(JSON.stringify(PAGES));
      return reply;
    };
    await expect(orders.place(limitBuy('sr-lost'))).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(await venue.fetchOrder({ clientOrderId: 'sr-lost', symbol: 'BTC/USDT' })).toBeNull();
    expect(await findOrder(db, 'sr-lost')).toBeUndefined();
    expect(await venue.fetchOrder({ clientOrderId: 'sr-kept', symbol: 'BTC/USDT' })).not.toBeNull();
    expect(await findOrder(db, 'sr-kept')).toMatchObject({ clientOrderId: kept.clientOrderId, status: 'ACCEPTED' });
    await freeDisk(db);
    expect(await integrityCheck(db)).toBe('ok');
    storage.close();
    await close();
  });
});
