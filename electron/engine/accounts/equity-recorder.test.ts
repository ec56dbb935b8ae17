import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, DATABASE_FILE } from '../index.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { simulatedOf } from '../testing/simulated-of.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { equitySeries } from './equity.repository.ts';
import { accountFixture } from './testing/account-fixture.ts';

const MINUTE = 60_000;

describe('equity over time', () => {
  it('samples one row per market minute at that minute’s prices, valued with the balances before a later fill', async () => {
    const { db, equity, marketClock, venue, place } = await accountFixture();
    const t0 = marketClock.now();
    equity.onMarketUpdate(); // 10,000 USDT
    marketClock.advance(10_000);
    await place('BUY', 10); // −1,000 − 1 fee, +10 BTC at 100
    venue.markPrice('BTC/USDT', 110);
    marketClock.advance(50_000);
    equity.onMarketUpdate(); // a new minute: BTC at 110
    venue.markPrice('BTC/USDT', 120);
    marketClock.advance(1_000);
    equity.onMarketUpdate(); // same minute: no new row
    await equity.flush();
    expect(await equitySeries(db, 'paper', 0, Number.MAX_SAFE_INTEGER)).toEqual([
      { ts: t0, equity: 10_000, epoch: 1 },
      { ts: t0 + 10_000, equity: 9_999, epoch: 1 },
      { ts: t0 + MINUTE, equity: 8_999 + 10 * 110, epoch: 1 },
    ]);
    expect(await equitySeries(db, 'paper', t0 + 1, t0 + MINUTE - 1)).toEqual([{ ts: t0 + 10_000, equity: 9_999, epoch: 1 }]);
    expect(await equitySeries(db, 'paper', 0, Number.MAX_SAFE_INTEGER, 1)).toEqual([{ ts: t0 + MINUTE, equity: 10_099, epoch: 1 }]);
  });

  it('records the running engine’s equity in market time, not wall time', async () => {
    const dataDir = tempDir();
    const wall = manualClock(Date.UTC(2026, 0, 5, 12, 0, 0));
    const engine = await createEngine({ dataDir, clock: wall, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
    const market = simulatedOf(engine.services);
    const firstMinute = Math.floor(market.clock.now() / MINUTE) * MINUTE;
    await market.advance(10 * 30); // 30 one-minute bars of 10 ticks, in no wall time at all
    const lastMinute = Math.floor(market.clock.now() / MINUTE) * MINUTE;
    await engine.stop();

    const { db, close } = await openDatabase(join(dataDir, DATABASE_FILE));
    const series = await equitySeries(db, 'paper', 0, Number.MAX_SAFE_INTEGER);
    await close();
    expect(lastMinute - firstMinute).toBe(30 * MINUTE);
    expect(series.map((p) => p.ts)).toEqual(Array.from({ length: 31 }, (_, i) => firstMinute + i * MINUTE));
    expect(series.every((p) => p.equity === 10_000 && p.epoch === 1)).toBe(true);
    expect(wall.now()).toBe(Date.UTC(2026, 0, 5, 12, 0, 0));
  });
});
