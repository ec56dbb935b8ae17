import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackfillProgress } from '../../../../shared/contract/history.ts';
import { ok } from '../../../../shared/errors.ts';
import { candlesBetween, listSeries } from '../../persistence/candles.repository.ts';
import { openDatabase, type OpenedDatabase } from '../../persistence/open-database.ts';
import { silentLogger } from '../../ports/logger.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { createCcxtConnector } from '../../venues/ccxt/connector.ts';
import { fakeBinanceOptions } from '../../venues/ccxt/testing/fake-binance/ccxt-options.ts';
import { startFakeBinance, type FakeBinance } from '../../venues/ccxt/testing/fake-binance/server.ts';
import { publicDataFromConnector } from '../symbols/connector-source.ts';
import { BackfillService } from './backfill-service.ts';

// The real ccxt Binance client against the fake Binance's /api/v3/klines, stored in a real SQLite file.
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 0, 0);
/** Half a minute into the bar opened at T0 + 1000 min: that bar is still forming. */
const NOW = T0 + 1000 * MINUTE + 30_000;
const KEY = { venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m' };

let fake: FakeBinance;
let opened: OpenedDatabase;
let service: BackfillService;

beforeEach(async () => {
  fake = await startFakeBinance({ now: () => NOW });
  opened = await openDatabase(join(tempDir(), 'history.sqlite'));
  const options = await fakeBinanceOptions(fake.url);
  service = new BackfillService({
    store: opened,
    source: publicDataFromConnector(createCcxtConnector({ logger: silentLogger })),
    accountConfig: async (accountId) => ok({ accountId, exchangeId: 'binance', sandbox: false, options }),
    clock: { now: () => NOW },
    logger: silentLogger,
  });
});
afterEach(async () => {
  await service.stop();
  await opened.close();
  await fake.close();
});

/** Starts a backfill and collects every progress report until it ends. */
async function backfill(request: { from: number; to?: number }) {
  const started = await service.start({ accountId: 'main', symbol: 'BTC/USDT', timeframe: '1m', ...request });
  if (!started.ok) throw new Error(started.error.message);
  const seen: BackfillProgress[] = [];
  service.subscribe(started.value.id, (progress) => seen.push(progress));
  await until(() => !['running', 'waiting'].includes(seen.at(-1)?.state ?? 'running'));
  return { id: started.value.id, seen, last: seen.at(-1) as BackfillProgress };
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!done()) throw new Error('the backfill did not end');
}

const klineRequests = () => fake.requests.filter((r) => r.endpoint === 'GET /api/v3/klines').length;

describe('backfill through ccxt fetchOHLCV (fake Binance)', () => {
  it('stores every closed bar from the start to now, page by page, never the forming bar', async () => {
    const { last, seen } = await backfill({ from: T0 });
    expect(last).toMatchObject({ state: 'done', fetched: 1000, inserted: 1000, fraction: 1, reachedTs: T0 + 999 * MINUTE, message: null });
    const bars = await candlesBetween(opened.db, KEY, 0, NOW + MINUTE);
    expect(bars.map((c) => c.ts)).toEqual(Array.from({ length: 1000 }, (_, i) => T0 + i * MINUTE));
    expect(bars.every((c) => c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close))).toBe(true);
    // 300 bars a request: 4 pages, and one asking past the last closed bar.
    expect(klineRequests()).toBeGreaterThanOrEqual(4);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('resumes from the newest stored bar: a second run fetches only what is missing', async () => {
    const first = await backfill({ from: T0, to: T0 + 450 * MINUTE });
    expect(first.last).toMatchObject({ state: 'done', inserted: 450 });
    const before = klineRequests();
    const second = await backfill({ from: T0 });
    expect(second.last).toMatchObject({ state: 'done', from: T0 + 450 * MINUTE, inserted: 550, fetched: 550 });
    expect(klineRequests() - before).toBe(3);
    expect(await listSeries(opened.db)).toEqual([{ ...KEY, firstTs: T0, lastTs: T0 + 999 * MINUTE, count: 1000 }]);
    const third = await backfill({ from: T0 });
    expect(third.last).toMatchObject({ state: 'done', fetched: 0, message: expect.stringContaining('Already up to date') });
  });

  it('waits through HTTP 429 (Retry-After) and finishes with every bar', async () => {
    fake.fault({ kind: 'rate_limit', endpoint: 'GET /api/v3/klines', times: 4, retryAfterSec: 0 });
    const { last, seen } = await backfill({ from: T0 + 700 * MINUTE });
    expect(seen.some((p) => p.state === 'waiting' && /limiting our requests/.test(p.message ?? ''))).toBe(true);
    expect(last).toMatchObject({ state: 'done', inserted: 300 });
  }, 20_000);

  it('refuses a second backfill of the same series while one runs', async () => {
    fake.fault({ kind: 'rate_limit', endpoint: 'GET /api/v3/klines', times: 1, retryAfterSec: 0 });
    const first = await service.start({ accountId: 'main', symbol: 'BTC/USDT', timeframe: '1m', from: T0 });
    const second = await service.start({ accountId: 'main', symbol: 'BTC/USDT', timeframe: '1m', from: T0 });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (first.ok) await service.cancel(first.value.id);
  });

  it('runs at most three backfills at once', async () => {
    fake.fault({ kind: 'rate_limit', endpoint: 'GET /api/v3/klines', times: 4, retryAfterSec: 0 });
    const symbols = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT'];
    const started = await Promise.all(symbols.map((symbol) => service.start({ accountId: 'main', symbol, timeframe: '1m', from: T0 })));
    expect(started.filter((s) => s.ok)).toHaveLength(3);
    expect(started.find((s) => !s.ok)).toMatchObject({ error: { code: 'CONFLICT', message: '3 backfills are running, the most at once; wait for one to end or cancel one' } });
  });

  it('cancels between pages, keeping the pages stored; a new run continues from there', async () => {
    fake.fault({ kind: 'rate_limit', endpoint: 'GET /api/v3/klines', times: 1, retryAfterSec: 0 });
    const started = await service.start({ accountId: 'main', symbol: 'BTC/USDT', timeframe: '1m', from: T0 });
    if (!started.ok) throw new Error(started.error.message);
    const cancelled = await service.cancel(started.value.id);
    expect(cancelled).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    const kept = (await listSeries(opened.db))[0]?.count ?? 0;
    const resumed = await backfill({ from: T0 });
    expect(resumed.last).toMatchObject({ state: 'done', inserted: 1000 - kept });
  });

  it('stops with the exchange’s words when the symbol does not exist there', async () => {
    const started = await service.start({ accountId: 'main', symbol: 'NOPE/USDT', timeframe: '1m', from: T0 });
    if (!started.ok) throw new Error(started.error.message);
    const seen: BackfillProgress[] = [];
    service.subscribe(started.value.id, (p) => seen.push(p));
    await until(() => seen.at(-1)?.state === 'failed');
    expect(seen.at(-1)?.message).toMatch(/^Stopped: .*NOPE\/USDT/);
  });
});
