import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CandleUpdate } from '../../../shared/domain/candle.ts';
import { toColumns } from '../backtest/candle-columns.ts';
import { runPairBacktest } from '../backtest/pair-backtest.ts';
import { candlesBefore } from '../persistence/candles.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { SimulatedMarket } from './simulated-market.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5, startPx: 65_000, annualVol: 0.6, twin: { venue: 'paper-b', gapBps: 15, halfLifeTicks: 30 } };

describe('simulated market: a second, correlated feed of the same symbol', () => {
  it('stores the twin\'s history and live bars under its venue, bar for bar with the leader, a few bps apart', async () => {
    const { db, sqlite, close } = await openDatabase(join(tempDir(), 'twin.sqlite'));
    const market = new SimulatedMarket({ db, sqlite, clock: manualClock() }, { instruments: [BTC], ticksPerBar: 10, historyBars: 300, candlesPerSecond: 1000 });
    await market.init();
    const leaderBars: CandleUpdate[] = [];
    const twinBars: [string, CandleUpdate][] = [];
    market.subscribe((update) => void (update.closed && leaderBars.push(update)));
    market.subscribeTwins((venue, update) => void (update.closed && twinBars.push([venue, update])));
    await market.advance(50); // 5 bars
    await market.flush();
    expect(twinBars.map(([venue, u]) => [venue, u.symbol, u.candle.ts])).toEqual(leaderBars.map((u) => ['paper-b', 'BTC/USDT', u.candle.ts]));

    const leader = await candlesBefore(db, { venue: 'paper', symbol: 'BTC/USDT', timeframe: '1m' }, 1000);
    const twin = await candlesBefore(db, { venue: 'paper-b', symbol: 'BTC/USDT', timeframe: '1m' }, 1000);
    expect(twin.map((c) => c.ts)).toEqual(leader.map((c) => c.ts));
    expect(twin).toHaveLength(305);
    const gaps = twin.map((c, i) => Math.abs(c.close / leader[i]!.close - 1) * 10_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(120); // clamped at 8 x the typical gap
    expect(gaps.some((g) => g > 1)).toBe(true); // its own noise, not a copy

    // The two stored series are what a pair backtest runs on.
    const run = runPairBacktest(toColumns(leader), toColumns(twin), { kind: 'arbitrage', entrySpreadPct: 0, exitSpreadPct: 0, feeBpsA: 0, feeBpsB: 0, slippageBps: 0 }, { qty: 0.01 });
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.metrics.bars).toBe(305);
    expect(run.value.unmatchedBars).toBe(0);
    await close();
  });
});
