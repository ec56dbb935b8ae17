import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../../shared/domain/order.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { Reconciler } from '../../execution/reconciliation/reconciler.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { listFills } from '../../persistence/ledger.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { systemClock } from '../../ports/clock.ts';
import { silentLogger } from '../../ports/logger.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { VenueRegistry } from '../venue-registry.ts';
import type { FakeOrderStatus } from './testing/fake-binance/book.ts';
import { type FakeBinance, startFakeBinance } from './testing/fake-binance/server.ts';
import { venueOnFake } from './testing/venue-on-fake.ts';

const CHILD = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));
const ACCOUNT = 'binance-test';
const AS_OURS: Record<FakeOrderStatus, OrderStatus> = { NEW: 'ACCEPTED', PARTIALLY_FILLED: 'PARTIALLY_FILLED', FILLED: 'FILLED', CANCELED: 'CANCELED', EXPIRED: 'EXPIRED' };

let fake: FakeBinance;
beforeEach(async () => {
  fake = await startFakeBinance();
});
afterEach(() => fake.close());

async function prepare(): Promise<string> {
  const file = join(tempDir(), 'crash.sqlite');
  const { db, close } = await openDatabase(file);
  await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: ACCOUNT, status: 'running', createdAt: 0, updatedAt: 0 });
  await close();
  return file;
}

/** Runs the child; `killWhen` (checked every 5 ms) makes the test send it SIGKILL. Resolves with its signal. */
function runChild(file: string, scenario: string, clientOrderId: string, killWhen?: () => boolean): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [CHILD, file, fake.url, scenario, clientOrderId], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const watcher = setInterval(() => killWhen?.() && child.kill('SIGKILL'), 5);
  return new Promise((resolve, reject) =>
    child.on('exit', (code, signal) => {
      clearInterval(watcher);
      if (signal !== 'SIGKILL') reject(new Error(`child exited ${code}: ${stderr}`));
      else resolve(signal);
    }),
  );
}

/** The next start on the same file against the same fake: reconciled once at start. */
async function restart(file: string) {
  const { db, close } = await openDatabase(file);
  const { venue } = await venueOnFake(fake, { rateLimit: false });
  const orders = new OrderManager({ db, venues: new VenueRegistry([[venue.id, venue]]), bus: new EventBus((e) => { throw e; }), clock: systemClock, logger: silentLogger });
  await orders.loadPositions();
  const reconciler = new Reconciler({ db, clock: systemClock, logger: silentLogger, retryFirstMs: 20, retryMaxMs: 50, unknownGraceMs: 20 });
  const run = await reconciler.register({ accountId: ACCOUNT, venue, orders, lastPrice: () => 50_000 });
  await orders.settled();
  return { db, orders, run, stop: async () => { await reconciler.stop(); await venue.close(); await close(); } };
}

/** The order, its fills and the bot's position as the fake exchange has them; `killedAs`: the status stored when the app died. */
async function expectAsAtTheExchange(file: string, clientOrderId: string, killedAs: OrderStatus) {
  const before = await openDatabase(file);
  expect((await findOrder(before.db, clientOrderId))?.status).toBe(killedAs);
  await before.close();
  const after = await restart(file);
  try {
    expect(after.run.state).toBe('ready');
    const theirs = fake.book.byClientId('BTCUSDT', clientOrderId);
    expect(fake.book.countByClientId(clientOrderId)).toBeLessThanOrEqual(1);
    const ours = await findOrder(after.db, clientOrderId);
    const trades = fake.book.trades.filter((t) => t.orderId === theirs?.orderId);
    const fills = (await listFills(after.db, { limit: 100 })).filter((f) => f.clientOrderId === clientOrderId);
    expect({ status: ours?.status, filled: ours?.filledQty, venueOrderId: ours?.venueOrderId }).toEqual(
      theirs ? { status: AS_OURS[theirs.status], filled: theirs.executedQty, venueOrderId: String(theirs.orderId) } : { status: 'REJECTED', filled: 0, venueOrderId: null },
    );
    expect(fills.map((f) => f.fillId).sort()).toEqual(trades.map((t) => String(t.id)).sort());
    expect(fills.reduce((sum, f) => sum + f.fee, 0)).toBeCloseTo(trades.reduce((sum, t) => sum + t.commission, 0), 8);
    expect(after.orders.position('b1', 'BTC/USDT').netQty).toBeCloseTo(theirs?.executedQty ?? 0, 10);
    expect(after.run.mismatches).toEqual([]);
  } finally {
    await after.stop();
  }
}

const posted = (id: string) => fake.book.countByClientId(id) > 0;
const orderOf = (id: string) => fake.book.byClientId('BTCUSDT', id);

describe('the app killed (SIGKILL) around an order to the ccxt venue, restarted on the same data against the same exchange', () => {
  it('killed after the write-ahead, before the request left: REJECTED, nothing at the exchange', async () => {
    const file = await prepare();
    await runChild(file, 'before-send', 'sr-crash-1');
    await expectAsAtTheExchange(file, 'sr-crash-1', 'PENDING_SUBMIT');
    expect(posted('sr-crash-1')).toBe(false);
  });

  it('killed while the reply of a market order the exchange filled was on its way: FILLED once, fills and position as the exchange’s', async () => {
    const file = await prepare();
    fake.fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    fake.book.marketFillParts = 2;
    await runChild(file, 'market-in-flight', 'sr-crash-2', () => posted('sr-crash-2'));
    await expectAsAtTheExchange(file, 'sr-crash-2', 'PENDING_SUBMIT');
  });

  it('killed after a limit order was accepted; filled in part while the app was down: PARTIALLY_FILLED with that fill', async () => {
    const file = await prepare();
    await runChild(file, 'accepted', 'sr-crash-3');
    fake.book.fillPartially('sr-crash-3', 0.004);
    await expectAsAtTheExchange(file, 'sr-crash-3', 'ACCEPTED');
  });

  it('killed after a limit order was accepted; filled in full while the app was down: FILLED', async () => {
    const file = await prepare();
    await runChild(file, 'accepted', 'sr-crash-4');
    fake.book.fillPartially('sr-crash-4', 0.004);
    fake.book.setPrice('BTCUSDT', 48_000);
    await expectAsAtTheExchange(file, 'sr-crash-4', 'ACCEPTED');
  });

  it('killed while the reply to a cancel of a part-filled order was on its way: CANCELED with what filled', async () => {
    const file = await prepare();
    fake.fault({ kind: 'timeout_after_accept', endpoint: 'DELETE /api/v3/order', times: 1 });
    let filled = false;
    await runChild(file, 'cancel-in-flight', 'sr-crash-5', () => {
      if (!filled && orderOf('sr-crash-5')) {
        fake.book.fillPartially('sr-crash-5', 0.003);
        filled = true;
      }
      return orderOf('sr-crash-5')?.status === 'CANCELED';
    });
    await expectAsAtTheExchange(file, 'sr-crash-5', 'PENDING_CANCEL');
  });
});
