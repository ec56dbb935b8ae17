import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { CHART_TIMEFRAME_MS } from '../../../shared/contract/chart.ts';
import { LiveBucket, aggregateCandles, bucketStart } from './candle-aggregation.ts';

const MIN = 60_000;
const bar = (ts: number, open: number, high: number, low: number, close: number, volume = 1): Candle => ({ ts, open, high, low, close, volume });
/** 2026-11-25 00:00 UTC. */
const DAY = Date.UTC(2026, 10, 25);

describe('aggregateCandles', () => {
  it('takes the first open, the highest high, the lowest low, the last close and the summed volume', () => {
    const bars = [bar(DAY, 10, 12, 9, 11, 2), bar(DAY + MIN, 11, 15, 10, 14, 3), bar(DAY + 2 * MIN, 14, 14, 7, 8, 0.5), bar(DAY + 3 * MIN, 8, 9, 8, 9, 4), bar(DAY + 4 * MIN, 9, 10, 8.5, 9.5, 1)];
    expect(aggregateCandles(bars, 5 * MIN)).toEqual([bar(DAY, 10, 15, 7, 9.5, 10.5)]);
  });

  it('keeps a partial last bucket, stamped at its open', () => {
    const bars = [bar(DAY, 1, 2, 0.5, 1.5), bar(DAY + 5 * MIN, 1.5, 3, 1, 2), bar(DAY + 6 * MIN, 2, 2.5, 1.8, 2.2)];
    expect(aggregateCandles(bars, 5 * MIN)).toEqual([bar(DAY, 1, 2, 0.5, 1.5), bar(DAY + 5 * MIN, 1.5, 3, 1, 2.2, 2)]);
  });

  it('leaves out buckets without bars across a gap, inventing no flat bar', () => {
    const bars = [bar(DAY, 1, 1, 1, 1), bar(DAY + 30 * MIN, 2, 2, 2, 2)];
    expect(aggregateCandles(bars, 5 * MIN).map((c) => c.ts)).toEqual([DAY, DAY + 30 * MIN]);
  });

  it('starts 4h buckets at 00:00, 04:00 … UTC and 1d buckets at midnight UTC', () => {
    const lateEvening = Date.UTC(2026, 10, 24, 23, 59);
    const bars = [bar(lateEvening, 1, 1, 1, 1), bar(DAY, 2, 2, 2, 2), bar(Date.UTC(2026, 10, 25, 3, 59), 3, 3, 3, 3), bar(Date.UTC(2026, 10, 25, 4, 0), 4, 4, 4, 4)];
    expect(aggregateCandles(bars, CHART_TIMEFRAME_MS['4h']).map((c) => new Date(c.ts).toISOString())).toEqual(['2026-11-24T20:00:00.000Z', '2026-11-25T00:00:00.000Z', '2026-11-25T04:00:00.000Z']);
    expect(aggregateCandles(bars, CHART_TIMEFRAME_MS['1d']).map((c) => [new Date(c.ts).toISOString(), c.open, c.close])).toEqual([
      ['2026-11-24T00:00:00.000Z', 1, 1],
      ['2026-11-25T00:00:00.000Z', 2, 4],
    ]);
  });

  it('keeps tiny and huge prices exact (no arithmetic on prices)', () => {
    const bars = [bar(DAY, 1e-9, 2e-9, 5e-10, 1.5e-9, 1e-12), bar(DAY + MIN, 1e15, 1e15, 1e15, 1e15, 1e18)];
    expect(aggregateCandles(bars, 5 * MIN)).toEqual([bar(DAY, 1e-9, 1e15, 5e-10, 1e15, 1e18 + 1e-12)]);
  });

  it('equals grouping by bucket for any sorted 1-minute series and every chart timeframe', () => {
    const series = fc.uniqueArray(fc.integer({ min: 0, max: 20_000 }), { maxLength: 300 }).map((minutes) =>
      minutes.sort((a, b) => a - b).map((m, i) => bar(DAY + m * MIN, i + 1, i + 3, i, i + 2, i % 7)),
    );
    fc.assert(
      fc.property(series, fc.constantFrom(...Object.values(CHART_TIMEFRAME_MS)), (bars, ms) => {
        const groups = new Map<number, Candle[]>();
        for (const b of bars) groups.set(bucketStart(b.ts, ms), [...(groups.get(bucketStart(b.ts, ms)) ?? []), b]);
        const expected = [...groups].map(([ts, g]) => ({
          ts,
          open: g[0]!.open,
          high: Math.max(...g.map((b) => b.high)),
          low: Math.min(...g.map((b) => b.low)),
          close: g.at(-1)!.close,
          volume: g.reduce((s, b) => s + b.volume, 0),
        }));
        expect(aggregateCandles(bars, ms)).toEqual(expected);
      }),
    );
  });
});

describe('LiveBucket', () => {
  it('shows the forming minute on top of the closed ones without counting its repeated updates twice', () => {
    const live = new LiveBucket(5 * MIN, MIN);
    live.seed([bar(DAY, 10, 11, 9, 10, 2)]);
    expect(live.apply(bar(DAY + MIN, 10, 12, 10, 11, 1), false)).toEqual({ candle: bar(DAY, 10, 12, 9, 11, 3), closed: false });
    expect(live.apply(bar(DAY + MIN, 10, 13, 10, 12, 4), false)).toEqual({ candle: bar(DAY, 10, 13, 9, 12, 6), closed: false });
    expect(live.apply(bar(DAY + MIN, 10, 13, 8, 12.5, 5), true)).toEqual({ candle: bar(DAY, 10, 13, 8, 12.5, 7), closed: false });
    // The same closed minute again (a reconnection replay) changes nothing.
    expect(live.apply(bar(DAY + MIN, 10, 13, 8, 12.5, 5), true)).toBeNull();
  });

  it('closes the bucket with its last minute and starts the next one fresh', () => {
    const live = new LiveBucket(5 * MIN, MIN);
    for (let m = 0; m < 4; m++) expect(live.apply(bar(DAY + m * MIN, 1, 2, 1, 1), true)?.closed).toBe(false);
    expect(live.apply(bar(DAY + 4 * MIN, 1, 5, 1, 3), true)).toEqual({ candle: bar(DAY, 1, 5, 1, 3, 5), closed: true });
    expect(live.apply(bar(DAY + 5 * MIN, 3, 3, 3, 3), false)).toEqual({ candle: bar(DAY + 5 * MIN, 3, 3, 3, 3, 1), closed: false });
  });

  it('ignores a late bar of an earlier bucket', () => {
    const live = new LiveBucket(5 * MIN, MIN);
    live.apply(bar(DAY + 5 * MIN, 3, 3, 3, 3), true);
    expect(live.apply(bar(DAY + 4 * MIN, 9, 9, 9, 9), true)).toBeNull();
  });

  it('after any interleaving of forming updates, the closed bucket equals the batch aggregation', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ close: fc.double({ min: 1, max: 100, noNaN: true }), updates: fc.nat(3) }), { minLength: 60, maxLength: 60 }), (minutes) => {
        const live = new LiveBucket(CHART_TIMEFRAME_MS['1h'], MIN);
        const closedBars = minutes.map((m, i) => bar(DAY + i * MIN, m.close, m.close + 1, m.close - 1, m.close, 1));
        let last = null;
        for (const [i, b] of closedBars.entries()) {
          for (let u = 0; u < minutes[i]!.updates; u++) live.apply({ ...b, close: b.close / 2, volume: 100 }, false);
          last = live.apply(b, true);
        }
        expect(last).toEqual({ candle: aggregateCandles(closedBars, CHART_TIMEFRAME_MS['1h'])[0], closed: true });
      }),
    );
  });
});
