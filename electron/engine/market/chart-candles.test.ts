import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_TIMEFRAMES, CHART_TIMEFRAME_MS } from '../../../shared/contract/chart.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { candlesBefore, insertCandlesBulk } from '../persistence/candles.repository.ts';
import { openDatabase, type OpenedDatabase } from '../persistence/open-database.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { aggregateCandles } from './candle-aggregation.ts';
import { MAX_BASE_ROWS_PER_PAGE, bucketsPerPage, chartCandlesBefore } from './chart-candles.ts';

const MIN = 60_000;
const DAY = Date.UTC(2026, 10, 25);
const bar = (ts: number, close: number, volume = 1): Candle => ({ ts, open: close - 1, high: close + 2, low: close - 2, close, volume });

/** Each bucket as `aggregateCandles` makes it; SQLite sums volume with compensated addition, so volume agrees to rounding. */
function expectSameBuckets(actual: readonly Candle[], expected: readonly Candle[]): void {
  expect(actual.map(({ volume: _, ...c }) => c)).toEqual(expected.map(({ volume: _, ...c }) => c));
  actual.forEach((c, i) => expect(Math.abs(c.volume - (expected[i]?.volume ?? Number.NaN))).toBeLessThanOrEqual(Math.abs(c.volume) * 1e-12));
}

describe('chartCandlesBefore', () => {
  let opened: OpenedDatabase;
  let series = 0;
  beforeAll(async () => {
    opened = await openDatabase(join(tempDir(), 'chart.sqlite'));
  });
  afterAll(() => opened.close());

  /** A fresh series per case, stored for real. */
  function store(bars: readonly Candle[]) {
    const key = { venue: 'paper', symbol: `S${series++}/USDT`, timeframe: '1m' };
    insertCandlesBulk(opened.sqlite, key, bars);
    return { venue: key.venue, symbol: key.symbol };
  }

  it('builds every timeframe in SQLite exactly as the aggregation rules say, over gaps, tiny and huge prices and bars before 1970', async () => {
    const minutes = fc.uniqueArray(fc.integer({ min: -3_000, max: 40_000 }), { minLength: 1, maxLength: 200 });
    const price = fc.oneof(fc.double({ min: 1e-9, max: 1e-6, noNaN: true }), fc.double({ min: 1, max: 1e9, noNaN: true }));
    await fc.assert(
      fc.asyncProperty(minutes, fc.array(price, { minLength: 200, maxLength: 200 }), fc.constantFrom(...CHART_TIMEFRAMES), async (offsets, prices, timeframe) => {
        const origin = offsets.some((m) => m < 0) ? 0 : DAY;
        const bars = offsets.sort((a, b) => a - b).map((m, i) => bar(origin + m * MIN, prices[i] ?? 1, prices[(i + 1) % prices.length] ?? 1));
        const key = store(bars);
        const page = await chartCandlesBefore(opened.db, key, timeframe, 5000);
        expectSameBuckets(page, aggregateCandles(bars, CHART_TIMEFRAME_MS[timeframe]).slice(-page.length));
        expect(page.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('pages back across a week without data instead of returning an empty page', async () => {
    const bars = [bar(DAY, 10), bar(DAY + MIN, 11), bar(DAY + 7 * 86_400_000, 12)];
    const key = store(bars);
    const latest = await chartCandlesBefore(opened.db, key, '1h', 1);
    expect(latest.map((c) => c.ts)).toEqual([DAY + 7 * 86_400_000]);
    const older = await chartCandlesBefore(opened.db, key, '1h', 1, latest[0]?.ts);
    expect(older).toEqual([{ ts: DAY, open: 9, high: 13, low: 8, close: 11, volume: 2 }]);
    expect(await chartCandlesBefore(opened.db, key, '1h', 1, DAY)).toEqual([]);
  });

  it('reads a bucket opened before `before` whole, and 1m pages as stored', async () => {
    const bars = Array.from({ length: 10 }, (_, i) => bar(DAY + i * MIN, 100 + i));
    const key = store(bars);
    expect(await chartCandlesBefore(opened.db, key, '5m', 10, DAY + 2 * MIN)).toEqual(aggregateCandles(bars, 5 * MIN).slice(0, 1));
    expect(await chartCandlesBefore(opened.db, key, '1m', 3, DAY + 5 * MIN)).toEqual(await candlesBefore(opened.db, { ...key, timeframe: '1m' }, 3, DAY + 5 * MIN));
  });

  it('keeps every page within the row budget', () => {
    for (const timeframe of CHART_TIMEFRAMES) expect((bucketsPerPage(timeframe, 5000) * CHART_TIMEFRAME_MS[timeframe]) / MIN).toBeLessThanOrEqual(MAX_BASE_ROWS_PER_PAGE);
    expect(bucketsPerPage('1d', 5000)).toBe(69);
  });
});
