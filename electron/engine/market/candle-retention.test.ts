import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../../headless/testing/test-host.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { pruneCandles } from './candle-retention.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

async function withBars(series: { venue: string; symbol: string; bars: number }[]) {
  const opened = await openDatabase(join(tempDir(), 'candles.sqlite'));
  const insert = opened.sqlite.prepare('insert into candles (venue, symbol, timeframe, ts, open, high, low, close, volume) values (?, ?, ?, ?, 1, 1, 1, 1, 0)');
  opened.sqlite.transaction(() => {
    for (const { venue, symbol, bars } of series) for (let i = 0; i < bars; i++) insert.run(venue, symbol, '1m', i * MINUTE);
  })();
  const count = (venue: string, symbol: string) => opened.sqlite.prepare('select count(*) as n, min(ts) as oldest from candles where venue = ? and symbol = ?').get(venue, symbol) as { n: number; oldest: number };
  return { ...opened, count };
}

describe('pruning the simulated market’s stored bars', () => {
  it('keeps the newest bars per series up to the count, and leaves other venues alone', async () => {
    const { db, count, close } = await withBars([
      { venue: 'paper', symbol: 'BTC/USDT', bars: 3000 },
      { venue: 'paper', symbol: 'ETH/USDT', bars: 2500 },
      { venue: 'binance', symbol: 'BTC/USDT', bars: 3000 },
    ]);
    expect(await pruneCandles(db, 'paper', { maxAgeDays: 3650, maxBarsPerSymbol: 2000 })).toBe(1000 + 500);
    expect(count('paper', 'BTC/USDT')).toEqual({ n: 2000, oldest: 1000 * MINUTE });
    expect(count('paper', 'ETH/USDT')).toEqual({ n: 2000, oldest: 500 * MINUTE });
    expect(count('binance', 'BTC/USDT').n).toBe(3000);
    expect(await pruneCandles(db, 'paper', { maxAgeDays: 3650, maxBarsPerSymbol: 2000 })).toBe(0);
    await close();
  });

  it('drops bars older than the age, counted back from the series’ newest bar', async () => {
    const { db, count, close } = await withBars([{ venue: 'paper', symbol: 'SOL/USDT', bars: 3 * 1440 }]);
    await pruneCandles(db, 'paper', { maxAgeDays: 1, maxBarsPerSymbol: 1_000_000 });
    const newest = (3 * 1440 - 1) * MINUTE;
    expect(count('paper', 'SOL/USDT')).toEqual({ n: 1441, oldest: newest - DAY });
    await close();
  });
});

describe('the retention setting through the API', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  it('is remembered and applied at once', async () => {
    expect(await host.client.market.retention()).toEqual({ maxAgeDays: 365, maxBarsPerSymbol: 600_000 });
    const before = await host.client.market.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 5000 });
    expect(before.length).toBeGreaterThan(1441); // the backfilled history: 1,500 bars
    expect(await host.client.market.setRetention({ maxAgeDays: 1, maxBarsPerSymbol: 2000 })).toEqual({ maxAgeDays: 1, maxBarsPerSymbol: 2000 });
    const after = await host.client.market.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 5000 });
    expect(after.length).toBe(1441);
    expect(after.at(-1)).toEqual(before.at(-1));
    expect(await host.client.market.retention()).toEqual({ maxAgeDays: 1, maxBarsPerSymbol: 2000 });
  });
});
