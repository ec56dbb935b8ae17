import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CandleUpdate } from '../../../shared/domain/candle.ts';
import { candlesBefore, insertCandles } from '../persistence/candles.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { BAR_MS, backoffDelay, checkPage } from './exchange-feed-bars.ts';
import { barAt, fakeCandles, type FakeCandlesOptions } from './exchange-feed.fake.ts';
import { ExchangeFeed, type ExchangeFeedOptions, type FeedStatus } from './exchange-feed.ts';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

/** A feed on a real SQLite file and a fake exchange, run in test time: each wait moves the clock. */
async function setup(symbols: readonly string[], fake: FakeCandlesOptions = {}, options: Partial<ExchangeFeedOptions> = {}, file = join(tempDir(), 'feed.sqlite')) {
  const statuses: FeedStatus[] = [];
  const opened = await openDatabase(file);
  const clock = manualClock(T0 + 30_000);
  const exchange = fakeCandles(clock, symbols, T0 - 100 * BAR_MS, fake);
  const waits: number[] = [];
  const logger = recordingLogger();
  const wait = async (ms: number) => {
    waits.push(ms);
    clock.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const feed = new ExchangeFeed({ db: opened.db, data: exchange.data, clock, logger, wait, random: () => 0.5, onStatusChange: (s) => statuses.push(s) }, { venue: 'binance', symbols, historyBars: 5, pollMs: 10_000, requestSpacingMs: 100, ...options });
  const updates: CandleUpdate[] = [];
  feed.subscribe((u) => void updates.push(u));
  await feed.init();
  /** Runs the feed until the test clock reaches `until`. */
  const runUntil = async (until: number) => {
    feed.start();
    while (clock.now() < until) await new Promise((resolve) => setImmediate(resolve));
    await feed.stop();
  };
  const closed = (symbol: string) => updates.filter((u) => u.closed && u.symbol === symbol).map((u) => u.candle.ts);
  const stored = (symbol: string) => candlesBefore(opened.db, { venue: 'binance', symbol, timeframe: '1m' }, 10_000);
  return { ...opened, clock, exchange, waits, logger, feed, updates, runUntil, closed, stored, statuses };
}

/** Open times of every minute from `from` to `to`, inclusive. */
const minutes = (from: number, to: number) => Array.from({ length: (to - from) / BAR_MS + 1 }, (_, i) => from + i * BAR_MS);

describe('exchange feed', () => {
  it('stores history, then sends forming bars and each closed bar once, in order, stored before it is sent', async () => {
    const f = await setup(['BTC/USDT']);
    let storedWhenSent = true;
    f.feed.subscribe(async (u) => {
      if (u.closed) storedWhenSent &&= (await f.stored('BTC/USDT')).some((c) => c.ts === u.candle.ts);
    });
    await f.runUntil(T0 + 10 * BAR_MS + 30_000);
    expect(f.closed('BTC/USDT')).toEqual(minutes(T0, T0 + 9 * BAR_MS));
    expect(storedWhenSent).toBe(true);
    expect((await f.stored('BTC/USDT')).map((c) => c.ts)).toEqual(minutes(T0 - 5 * BAR_MS, T0 + 9 * BAR_MS));
    expect((await f.stored('BTC/USDT')).at(-1)).toEqual(barAt(T0 + 9 * BAR_MS));
    const forming = f.updates.filter((u) => !u.closed);
    expect(forming.length).toBeGreaterThan(10);
    // A forming bar is never older than a bar already closed.
    let lastClosed = 0;
    for (const u of f.updates) {
      if (u.closed) lastClosed = u.candle.ts;
      else expect(u.candle.ts).toBeGreaterThan(lastClosed);
    }
    expect(f.feed.lastPrice('BTC/USDT')).toBe(f.updates.at(-1)?.candle.close);
    await f.close();
  });

  it('after an outage waits longer after each failure (jittered, capped), then fills the gap once, in order', async () => {
    const outage = (now: number) => now >= T0 + 2 * BAR_MS && now < T0 + 9 * BAR_MS;
    const f = await setup(['BTC/USDT', 'ETH/USDT'], { down: outage }, { backoff: { initialMs: 1_000, maxMs: 30_000 } });
    await f.runUntil(T0 + 12 * BAR_MS + 30_000);
    for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
      expect(f.closed(symbol)).toEqual(minutes(T0, T0 + 11 * BAR_MS));
      expect((await f.stored(symbol)).map((c) => c.ts)).toEqual(minutes(T0 - 5 * BAR_MS, T0 + 11 * BAR_MS));
    }
    const failed = f.exchange.requests.filter((r) => outage(r.at)).map((r) => r.at);
    const gaps = failed.slice(1).map((at, i) => at - (failed[i] ?? 0));
    // With random() = 0.5 the wait is 3/4 of the ceiling: 750, 1500, 3000, ... up to 3/4 of 30 s.
    expect(gaps.slice(0, 6)).toEqual([750, 1500, 3000, 6000, 12000, 22500]);
    expect(Math.max(...gaps)).toBe(22_500);
    expect(f.logger.entries.filter((e) => e.message.startsWith('Lost the exchange feed'))).toHaveLength(1);
    expect(f.logger.entries.filter((e) => e.message.startsWith('Exchange feed back'))).toHaveLength(1);
    expect(f.feed.status).toEqual({ connected: true, failures: 0, lastError: null });
    expect(f.statuses).toEqual([{ connected: false, failures: 1, lastError: 'binance did not answer (connection refused)' }, { connected: true, failures: 0, lastError: null }]);
    await f.close();
  });

  it('obeys a Retry-After longer than its own backoff', () => {
    expect(backoffDelay(1, { initialMs: 1000, maxMs: 60_000 }, () => 0, 45_000)).toBe(45_000);
  });

  it('keeps every backoff between half and all of its capped ceiling (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, r) => {
        const ms = backoffDelay(failures, { initialMs: 500, maxMs: 20_000 }, () => r);
        const ceiling = Math.min(20_000, 500 * 2 ** (failures - 1));
        expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
        expect(ms).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('drops the overlap of pages that repeat bars it already has, and pages through a long gap', async () => {
    const f = await setup(['BTC/USDT'], { overlapBars: 3 }, { pageLimit: 6, historyBars: 40 });
    await f.runUntil(T0 + 5 * BAR_MS + 30_000);
    expect((await f.stored('BTC/USDT')).map((c) => c.ts)).toEqual(minutes(T0 - 40 * BAR_MS, T0 + 4 * BAR_MS));
    expect(f.closed('BTC/USDT')).toEqual(minutes(T0, T0 + 4 * BAR_MS));
    expect(f.logger.entries.filter((e) => e.level !== 'info')).toEqual([]);
    await f.close();
  });

  it('refuses garbage bars (NaN, negative, high below low, off the minute) with the reason logged, and keeps the rest', async () => {
    const garbage = new Map([
      [T0 + 1 * BAR_MS, { close: Number.NaN }],
      [T0 + 2 * BAR_MS, { volume: -5 }],
      [T0 + 3 * BAR_MS, { high: 1, low: 500 }],
      [T0 + 4 * BAR_MS, { open: -100 }],
    ]);
    const f = await setup(['BTC/USDT'], { garbage });
    await f.runUntil(T0 + 6 * BAR_MS + 30_000);
    expect(f.closed('BTC/USDT')).toEqual([T0, T0 + 5 * BAR_MS]);
    expect((await f.stored('BTC/USDT')).every((c) => Number.isFinite(c.close) && c.volume >= 0 && c.high >= c.low && c.open > 0)).toBe(true);
    const reasons = f.logger.entries
      .filter((e) => e.message.startsWith('Refused'))
      .flatMap((e) => (e.fields.refused as { reason: string }[]).map((r) => r.reason));
    expect(reasons.some((m) => m.includes('its close price NaN is not a positive number'))).toBe(true);
    expect(reasons.some((m) => m.includes('its volume -5 is not zero or more'))).toBe(true);
    expect(reasons.some((m) => m.includes('its high 1 is below its open, close or low'))).toBe(true);
    expect(reasons.some((m) => m.includes('its open price -100 is not a positive number'))).toBe(true);
    await f.close();
  });

  it('refuses a bar out of order or repeated within a page, and one off the minute', () => {
    const now = T0 + 10 * BAR_MS;
    const page = checkPage([barAt(T0), barAt(T0 + 2 * BAR_MS), barAt(T0 + BAR_MS), barAt(T0 + 2 * BAR_MS), { ...barAt(T0), ts: T0 + 3 * BAR_MS + 7 }], T0, now);
    expect(page.bars.map((b) => b.ts)).toEqual([T0, T0 + 2 * BAR_MS]);
    expect(page.refused.map((r) => r.reason)).toEqual([
      `it is out of order (${T0 + BAR_MS} after ${T0 + 2 * BAR_MS})`,
      `it is out of order (${T0 + 2 * BAR_MS} after ${T0 + 2 * BAR_MS})`,
      `its time ${T0 + 3 * BAR_MS + 7} is not the start of a minute`,
    ]);
  });

  it('keeps only ascending bars from an exchange answering newest first: never a closed bar twice or out of order', async () => {
    const f = await setup(['BTC/USDT'], { reversed: true });
    await f.runUntil(T0 + 3 * BAR_MS + 30_000);
    const closed = f.closed('BTC/USDT');
    expect(closed).toEqual([...closed].sort((a, b) => a - b));
    expect(new Set(closed).size).toBe(closed.length);
    await f.close();
  });

  it('follows 200 symbols with one request at a time, spaced by the rate limit, and every symbol served', async () => {
    const symbols = Array.from({ length: 200 }, (_, i) => `C${i}/USDT`);
    const f = await setup(symbols, {}, { requestSpacingMs: 100, historyBars: 2 });
    await f.runUntil(T0 + 3 * BAR_MS + 30_000);
    expect(f.exchange.maxInFlight()).toBe(1);
    const starts = f.exchange.requests.map((r) => r.at);
    expect(Math.min(...starts.slice(1).map((at, i) => at - (starts[i] ?? 0)))).toBeGreaterThanOrEqual(100);
    for (const symbol of symbols) expect(f.closed(symbol)).toEqual(minutes(T0, T0 + 2 * BAR_MS));
    await f.close();
  });

  it('holds closed bars it cannot store (a full disk) and sends them once, in order, when the disk takes writes again', async () => {
    const f = await setup(['BTC/USDT'], {}, { pollMs: 10_000 });
    await f.runUntil(T0 + 2 * BAR_MS + 30_000);
    await sql`create trigger refuse_candles before insert on candles begin select raise(abort, 'database or disk is full'); end`.execute(f.db);
    await f.runUntil(T0 + 5 * BAR_MS + 30_000);
    expect(f.closed('BTC/USDT')).toEqual(minutes(T0, T0 + BAR_MS));
    await sql`drop trigger refuse_candles`.execute(f.db);
    await f.runUntil(T0 + 7 * BAR_MS + 30_000);
    expect(f.closed('BTC/USDT')).toEqual(minutes(T0, T0 + 6 * BAR_MS));
    expect((await f.stored('BTC/USDT')).map((c) => c.ts)).toEqual(minutes(T0 - 5 * BAR_MS, T0 + 6 * BAR_MS));
    expect(f.logger.entries.some((e) => e.message.startsWith('Closed bars could not be stored'))).toBe(true);
    await f.close();
  });

  it('goes on when a poll throws outright (an adapter bug), asking that symbol again later', async () => {
    const f = await setup(['BTC/USDT']);
    const candles = f.exchange.data.candles;
    let thrown = 0;
    f.exchange.data.candles = (...args) => {
      if (f.clock.now() >= T0 + BAR_MS && thrown < 3) {
        thrown += 1;
        throw new TypeError('Cannot read properties of undefined');
      }
      return candles(...args);
    };
    await f.runUntil(T0 + 4 * BAR_MS + 30_000);
    expect(thrown).toBe(3);
    expect(f.closed('BTC/USDT')).toEqual(minutes(T0, T0 + 3 * BAR_MS));
    await f.close();
  });

  it('does not let a symbol the exchange has no bars for take the turns of the others', async () => {
    // Its stored series ended long ago (delisted): every bar after it is "due" already.
    const file = join(tempDir(), 'dead.sqlite');
    const before = await openDatabase(file);
    await insertCandles(before.db, [{ venue: 'binance', symbol: 'DEAD/USDT', timeframe: '1m', ...barAt(T0 - 60 * BAR_MS) }]);
    await before.close();
    const f = await setup(['DEAD/USDT', 'BTC/USDT'], { silent: new Set(['DEAD/USDT']) }, {}, file);
    await f.runUntil(T0 + 3 * BAR_MS + 30_000);
    expect(f.closed('BTC/USDT')).toEqual(minutes(T0, T0 + 2 * BAR_MS));
    const dead = f.exchange.requests.filter((r) => r.symbol === 'DEAD/USDT').length;
    // Once per poll interval (10 s) over 3.5 minutes, not once per request slot (100 ms).
    expect(dead).toBeLessThanOrEqual(3.5 * 6 + 1);
    await f.close();
  });

  it('follows the other symbols when the exchange refuses one (delisted), asking it ever less often', async () => {
    const f = await setup(['GONE/USDT', 'BTC/USDT'], { refused: new Set(['GONE/USDT']) }, { backoff: { initialMs: 1_000, maxMs: 120_000 } });
    await f.runUntil(T0 + 10 * BAR_MS + 30_000);
    expect(f.closed('BTC/USDT')).toEqual(minutes(T0, T0 + 9 * BAR_MS));
    expect(f.feed.status.connected).toBe(true);
    const asked = f.exchange.requests.filter((r) => r.symbol === 'GONE/USDT').map((r) => r.at);
    // 10 s, 20 s, 40 s, 80 s, then every 120 s (the cap).
    expect(asked.slice(1).map((at, i) => at - (asked[i] ?? 0)).slice(0, 6)).toEqual([10_000, 20_000, 40_000, 80_000, 120_000, 120_000]);
    expect(f.logger.entries.filter((e) => e.message === 'binance refused the bars of GONE/USDT; the other symbols go on')).toHaveLength(1);
    await f.close();
  });

  it('continues the stored series after a restart: bars closed while it was stopped are stored, not sent to the bots', async () => {
    const file = join(tempDir(), 'restart.sqlite');
    const first = await setup(['BTC/USDT'], {}, {}, file);
    await first.runUntil(T0 + 3 * BAR_MS + 30_000);
    await first.close();
    const second = await setup(['BTC/USDT'], {}, {}, file);
    expect(second.feed.lastPrice('BTC/USDT')).toBe(barAt(T0 + 2 * BAR_MS).close);
    second.clock.advance(5 * BAR_MS);
    await second.runUntil(T0 + 10 * BAR_MS + 30_000);
    // Stopped from T0+3m to T0+5m30s: the two bars that closed meanwhile are history, the rest live.
    expect(second.closed('BTC/USDT')).toEqual(minutes(T0 + 5 * BAR_MS, T0 + 9 * BAR_MS));
    expect((await second.stored('BTC/USDT')).map((c) => c.ts)).toEqual(minutes(T0 - 5 * BAR_MS, T0 + 9 * BAR_MS));
    await second.close();
  });
});
