import { createRouterClient } from '@orpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, DATABASE_FILE, type EngineDeps } from './index.ts';
import { openDatabase } from './persistence/open-database.ts';
import { probeWrite } from './persistence/storage-probe.ts';
import { silentLogger } from './ports/logger.ts';
import { fillDisk, freeDisk, integrityCheck, until } from './testing/full-disk.ts';
import { tempDir } from './testing/temp-dir.ts';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from './persistence/database.ts';

async function open(dataDir: string, options: Partial<EngineDeps> = {}) {
  const engine = await createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, storageProbeMs: 20, ...options, market: { historyBars: 200, ...options.market } });
  return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }) };
}
type Opened = Awaited<ReturnType<typeof open>>;

/** The engine must never end a write failure as an unhandled rejection (the host would log it and may exit). */
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const storedBars = (db: Kysely<Database>) => db.selectFrom('candles').selectAll().orderBy('symbol').orderBy('ts').execute();

/** Every series is contiguous: one bar a minute, none missing. */
function gaps(bars: { symbol: string; ts: number }[]): string[] {
  const found: string[] = [];
  for (let i = 1; i < bars.length; i++) {
    const [a, b] = [bars[i - 1], bars[i]];
    if (a && b && a.symbol === b.symbol && b.ts - a.ts !== 60_000) found.push(`${b.symbol} ${a.ts}→${b.ts}`);
  }
  return found;
}

async function signalBot({ engine, client }: Opened) {
  const bot = await client.bots.create({ name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 100 }, orderQty: 1, account: 'paper' });
  await client.bots.start({ id: bot.id });
  const rotated = await engine.services.webhooks.rotatePassphrase(bot.id);
  if (!rotated.ok) throw new Error(rotated.error.message);
  const url = engine.services.webhooks.status().url ?? '';
  const post = (id: string, passphrase = rotated.value.passphrase) =>
    fetch(url, { method: 'POST', body: JSON.stringify({ passphrase, bot: bot.id, action: 'buy', id, comment: 'c'.repeat(900) }) }).then((res) => res.status);
  return { botId: bot.id, post };
}

/** Each alert with the sender's id (the dedupe key holds only its hash). */
const alertRows = async (db: Kysely<Database>) =>
  (await db.selectFrom('alerts').select(['id', 'commandJson', 'status']).orderBy('id').execute()).map(({ commandJson, ...row }) => ({ ...row, alertId: (JSON.parse(commandJson) as { id: string }).id }));
const orderRows = (db: Kysely<Database>) => db.selectFrom('orders').selectAll().orderBy('tsInit').orderBy('clientOrderId').execute();

describe('a full disk', () => {
  it('does not stop a fast market: it holds, and stores every bar without a gap once space returns', async () => {
    const dataDir = tempDir();
    const { engine, client } = await open(dataDir, { startMarketTimer: true, market: { candlesPerSecond: 500 } });
    const { db, storage } = engine.services;
    const initial = (await storedBars(db)).length;
    await until(async () => (await storedBars(db)).length > initial + 50, 'the market to store bars');
    await fillDisk(db);
    await until(() => !storage.writable, 'the full disk to be noticed');
    const atFull = await storedBars(db);
    expect((await client.engine.status()).storage).toEqual({ status: 'full', message: `The disk is full: StoxRobot paused trading. Free space on ${dataDir}; trading resumes by itself.` });

    await freeDisk(db);
    await until(async () => storage.writable && (await storedBars(db)).length > atFull.length + 100, 'bars stored after space returned');
    expect((await client.engine.status()).storage).toEqual({ status: 'ok', message: null });
    await engine.stop();

    const reopened = await openDatabase(join(dataDir, DATABASE_FILE));
    const after = await storedBars(reopened.db);
    expect(gaps(after)).toEqual([]);
    const kept = new Set(after.map((bar) => JSON.stringify(bar)));
    expect(atFull.filter((bar) => !kept.has(JSON.stringify(bar)))).toEqual([]);
    expect(await integrityCheck(reopened.db)).toBe('ok');
    await reopened.close();
  });

  it('acts exactly once, after space returns, on alerts answered 200 just before the disk filled; the rest get 503', async () => {
    const dataDir = tempDir();
    const opened = await open(dataDir);
    const { db, bus } = opened.engine.services;
    const { post } = await signalBot(opened);
    expect([await post('before-1'), await post('before-2')]).toEqual([200, 200]);
    await until(async () => (await orderRows(db)).length === 2 && (await alertRows(db)).every((a) => a.status === 'executed'), 'the first alerts to trade');
    const before = await orderRows(db);

    // The disk fills right after the next alerts are committed (and answered 200), before they are acted on.
    // Armed only once the burst is on its way: a late change from the first alerts must not fill the disk before it.
    let armed = false;
    let filling: Promise<void> | null = null;
    const off = bus.on('change', (event) => {
      if (armed && event.topic === 'webhooks' && !filling) filling = fillDisk(db).then(() => probeWrite(db, dataDir)).catch(() => undefined);
    });
    const ids = Array.from({ length: 12 }, (_, i) => `burst-${i}`);
    armed = true;
    const statuses = await Promise.all(ids.map((id) => post(id)));
    off();
    const accepted = ids.filter((_, i) => statuses[i] === 200);
    const refused = ids.filter((_, i) => statuses[i] === 503);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length + refused.length).toBe(ids.length);
    expect(opened.engine.services.storage.writable).toBe(false);

    // Held, not failed: the accepted ones wait for space; the refused ones left no row at all.
    const held = await alertRows(db);
    expect(held.filter((a) => a.alertId.includes('burst')).map((a) => [a.alertId, a.status])).toEqual(accepted.map((id) => [id, 'pending']));
    expect(await orderRows(db)).toEqual(before);

    await freeDisk(db);
    await until(async () => (await alertRows(db)).every((a) => a.status === 'executed'), 'the held alerts to be acted on');
    for (const id of refused) expect(await post(id)).toBe(200); // TradingView sends them again
    // An alert is marked executed just after its order is stored: both are waited for.
    await until(async () => (await orderRows(db)).length === 2 + ids.length && (await alertRows(db)).every((a) => a.status === 'executed'), 'every alert to trade');

    const alerts = await alertRows(db);
    const orders = await orderRows(db);
    expect(alerts.map((a) => a.status)).toEqual(Array(2 + ids.length).fill('executed'));
    expect(orders.map((o) => o.clientOrderId).sort()).toEqual(alerts.map((a) => `sr-alert-${a.id}-0`).sort());
    const beforeIds = new Set(before.map((o) => o.clientOrderId));
    expect(orders.filter((o) => beforeIds.has(o.clientOrderId))).toEqual(before);
    expect(opened.engine.services.orders.position(orders[0]?.botId ?? '', 'SOL/USDT').netQty).toBe(2 + ids.length);
    expect(await integrityCheck(db)).toBe('ok');
    await opened.engine.stop();
  });

  it('answers a burst of alerts 503 while the disk is full, stores none of them half-way, and refusals stay refusals', async () => {
    const dataDir = tempDir();
    const opened = await open(dataDir);
    const { db, storage } = opened.engine.services;
    const { post } = await signalBot(opened);
    expect(await post('before')).toBe(200);
    await until(async () => (await orderRows(db)).length === 1, 'the first alert to trade');
    await fillDisk(db);

    // The journal meets the full disk itself (the gate is still open): SQLite ends its transaction.
    const ids = Array.from({ length: 30 }, (_, i) => `burst-${i}`);
    const statuses = await Promise.all(ids.map((id) => post(id)));
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses).toContain(503);
    expect(storage.writable).toBe(false);
    const logRows = async () => (await db.selectFrom('webhookLog').select('id').execute()).length;
    const logged = await logRows();
    expect(await post('wrong', 'not-the-passphrase')).toBe(401);
    expect(await logRows()).toBe(logged);

    // Every stored alert has its log row; a refused one has neither.
    const stored = await db.selectFrom('alerts').innerJoin('webhookLog', 'webhookLog.alertId', 'alerts.id').select('alerts.commandJson').execute();
    expect(stored.map((r) => (JSON.parse(r.commandJson) as { id: string }).id).sort()).toEqual(['before', ...ids.filter((_, i) => statuses[i] === 200)].sort());
    expect(await db.selectFrom('alerts').select('id').execute()).toHaveLength(stored.length);

    await freeDisk(db);
    await until(() => storage.writable, 'space to be noticed');
    const resent = await Promise.all(ids.map((id, i) => (statuses[i] === 503 ? post(id) : Promise.resolve(200))));
    expect(resent).toEqual(ids.map(() => 200));
    await until(async () => (await orderRows(db)).length === 1 + ids.length, 'every alert to trade once');
    await until(async () => (await alertRows(db)).every((a) => a.status === 'executed'), 'every alert to be marked executed');
    expect(await integrityCheck(db)).toBe('ok');
    await opened.engine.stop();
  });

  it('pauses trading bots with the reason and resumes only the ones the disk paused', async () => {
    const dataDir = tempDir();
    const { engine, client } = await open(dataDir, { startMarketTimer: true, market: { candlesPerSecond: 200 } });
    const { db, storage } = engine.services;
    const config = { symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 0.01, account: 'paper' } as const;
    const trader = await client.bots.create({ ...config, name: 'Trader' });
    const held = await client.bots.create({ ...config, name: 'Held by the trader' });
    await client.bots.start({ id: trader.id });
    await client.bots.start({ id: held.id });
    await client.bots.pause({ id: held.id });
    await until(async () => (await orderRows(db)).length >= 3, 'the bot to trade');

    await fillDisk(db);
    await until(() => !storage.writable, 'the full disk to be noticed');
    const status = await client.engine.status();
    expect(status.storage.message).toBe(`The disk is full: StoxRobot paused trading. Free space on ${dataDir}; trading resumes by itself.`);
    expect(status.bots.running).toBe(0);
    expect((await client.bots.list()).map((b) => [b.name, b.status])).toEqual([
      ['Trader', 'paused'],
      ['Held by the trader', 'paused'],
    ]);
    // What the trader does meanwhile is refused with the reason, and changes nothing.
    await expect(client.bots.start({ id: held.id })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: status.storage.message });
    await expect(client.market.setSpeed({ candlesPerSecond: 5 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(engine.services.marketSource.candlesPerSecond).toBe(200);
    const atFull = await orderRows(db);
    // No order without its write-ahead row and event; none left half-way.
    const orphans = await db.selectFrom('fills').leftJoin('orders', 'orders.clientOrderId', 'fills.clientOrderId').where('orders.clientOrderId', 'is', null).select('fills.fillId').execute();
    expect(orphans).toEqual([]);
    expect(atFull.filter((o) => o.status === 'PENDING_SUBMIT')).toEqual([]);

    await freeDisk(db);
    await until(() => storage.writable, 'space to be noticed');
    expect((await client.bots.list()).map((b) => [b.name, b.status])).toEqual([
      ['Trader', 'running'],
      ['Held by the trader', 'paused'],
    ]);
    await until(async () => (await orderRows(db)).length > atFull.length + 2, 'the bot to trade again');
    const after = await orderRows(db);
    const atFullIds = new Set(atFull.map((o) => o.clientOrderId));
    expect(after.filter((o) => atFullIds.has(o.clientOrderId))).toEqual(atFull);
    expect(after.every((o) => o.botId === trader.id)).toBe(true);
    await engine.stop();
    const reopened = await openDatabase(join(dataDir, DATABASE_FILE));
    expect(await integrityCheck(reopened.db)).toBe('ok');
    await reopened.close();
  });

  it('answers a trader’s change that meets the full disk 503 with the reason, not an internal error', async () => {
    const dataDir = tempDir();
    const { engine, client } = await open(dataDir);
    await fillDisk(engine.services.db);
    let refusal: unknown = null;
    for (let i = 0; i < 500 && refusal === null; i++) {
      await client.bots.create({ name: `Bot ${i}`, symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.1, account: 'paper' }).catch((error: unknown) => (refusal = error));
    }
    expect(refusal).toMatchObject({ code: 'UNAVAILABLE', message: `The disk is full: StoxRobot paused trading. Free space on ${dataDir}; trading resumes by itself.` });
    expect(await integrityCheck(engine.services.db)).toBe('ok');
    await engine.stop();
  });
});
