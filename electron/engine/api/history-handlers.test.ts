import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRouterClient } from '@orpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackfillProgress } from '../../../shared/contract/history.ts';
import { ok } from '../../../shared/errors.ts';
import { createEngine, type Engine } from '../index.ts';
import { silentLogger } from '../ports/logger.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { fakeBinanceOptions } from '../venues/ccxt/testing/fake-binance/ccxt-options.ts';
import { FAKE_KEYS, startFakeBinance, type FakeBinance } from '../venues/ccxt/testing/fake-binance/server.ts';

// history.* through the contract: the real engine and ccxt, an exchange account on the fake Binance.
const kept = new Map<string, string>();
const memorySecrets: SecretStore = {
  status: async () => ({ usable: true }),
  get: async (ref) => ok(kept.get(ref) ?? null),
  set: async (ref, secret) => ok(void kept.set(ref, secret)),
  delete: async (ref) => ok(kept.delete(ref)),
  references: async () => ok([...kept.keys()]),
};

let fake: FakeBinance;
let engine: Engine;
const clientOf = (e: Engine) => createRouterClient(e.router, { context: { engine: e.services } });
let client: ReturnType<typeof clientOf>;
let dir: string;

beforeEach(async () => {
  fake = await startFakeBinance();
  dir = tempDir();
  engine = await createEngine({ dataDir: dir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, secrets: memorySecrets });
  client = clientOf(engine);
  const options = await fakeBinanceOptions(fake.url);
  await client.accounts.create({ accountId: 'fake', exchangeId: 'binance', label: 'Fake', sandbox: false, currency: 'USDT', options, credentials: { ...FAKE_KEYS } });
});
afterEach(async () => {
  await engine.stop();
  await fake.close();
});

describe('history.* through the contract', () => {
  it('imports a file, lists it, refuses to read a non-CSV file and deletes the series', async () => {
    const path = join(dir, 'spx.csv');
    writeFileSync(path, 'date,open,high,low,close\n2024-01-02,10,11,9,10.5\n2024-01-03,10.5,12,10,11\n');
    const imported = await client.history.import({ path, venue: 'csv', symbol: 'SPX', timeframe: '1d' });
    expect(imported).toMatchObject({ inserted: 2, alreadyStored: 0, report: { rowsRead: 2, timestampUnit: 'iso' } });
    expect(await client.history.series()).toContainEqual({ venue: 'csv', symbol: 'SPX', timeframe: '1d', firstTs: Date.UTC(2024, 0, 2), lastTs: Date.UTC(2024, 0, 3), count: 2 });

    const keyFile = join(dir, 'exchange.key');
    writeFileSync(keyFile, 'SECRET-KEY-0123456789');
    await expect(client.history.import({ path: keyFile, venue: 'csv', symbol: 'X', timeframe: '1d' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.not.stringContaining('SECRET') });

    expect(await client.history.delete({ venue: 'csv', symbol: 'SPX', timeframe: '1d' })).toEqual({ deleted: 2 });
    await expect(client.history.delete({ venue: 'csv', symbol: 'SPX', timeframe: '1d' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('streams a backfill’s progress from the start to its end, then the stream ends', async () => {
    const started = await client.history.backfill({ accountId: 'fake', symbol: 'BTC/USDT', timeframe: '1h', from: Date.now() - 40 * 86_400_000 });
    const seen: BackfillProgress[] = [];
    for await (const progress of await client.history.progress({ id: started.id })) seen.push(progress);
    expect(seen.at(-1)).toMatchObject({ state: 'done', fraction: 1, series: { venue: 'binance', symbol: 'BTC/USDT', timeframe: '1h' } });
    expect(seen.at(-1)?.inserted).toBeGreaterThanOrEqual(959);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // A finished backfill's stream gives its last state at once and ends.
    const again: BackfillProgress[] = [];
    for await (const progress of await client.history.progress({ id: started.id })) again.push(progress);
    expect(again).toEqual([seen.at(-1)]);
    expect(await client.history.backfills()).toEqual([seen.at(-1)]);
  });

  it('refuses deleting a series while its backfill runs, and a backfill for an unknown account', async () => {
    fake.fault({ kind: 'rate_limit', endpoint: 'GET /api/v3/klines', times: 4, retryAfterSec: 0 });
    const started = await client.history.backfill({ accountId: 'fake', symbol: 'BTC/USDT', timeframe: '1m', from: Date.now() - 86_400_000 });
    await expect(client.history.delete({ venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cancel it first') });
    expect(await client.history.cancel({ id: started.id })).toMatchObject({ state: 'cancelled' });
    await expect(client.history.backfill({ accountId: 'nobody', symbol: 'BTC/USDT', timeframe: '1m', from: Date.now() - 86_400_000 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.history.progress({ id: 'backfill-none' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
