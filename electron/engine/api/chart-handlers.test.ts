import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlotEvent } from '../../../shared/contract/chart.ts';
import type { Candle, CandleUpdate } from '../../../shared/domain/candle.ts';
import { startTestHost } from '../../headless/testing/test-host.ts';
import { sma } from '../indicators/index.ts';
import { aggregateCandles } from '../market/candle-aggregation.ts';
import { simulatedOf } from '../testing/simulated-of.ts';
import { tempDir } from '../testing/temp-dir.ts';

const FIVE_MIN = 300_000;
/** The simulated market draws 10 price updates per 1-minute bar. */
const TICKS_PER_BAR = 10;

/** Reads a stream until `done` holds for what arrived, then closes it. */
async function collect<T>(stream: AsyncIterable<T>, done: (events: T[]) => boolean): Promise<T[]> {
  const events: T[] = [];
  for await (const event of stream) {
    events.push(event);
    if (done(events)) break;
  }
  return events;
}

describe('chart.* over the API', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  it('builds 5m and 1d bars from the stored minutes, and pages back across them', async () => {
    const minutes = await host.client.market.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 5000 });
    const fiveMin = await host.client.chart.candles({ symbol: 'BTC/USDT', timeframe: '5m', limit: 5000 });
    expect(fiveMin.length).toBeGreaterThan(100);
    // SQLite sums volume with compensated addition: equal to the plain sum up to its rounding.
    const withoutVolume = (candles: readonly Candle[]) => candles.map(({ volume: _, ...c }) => c);
    const expected = aggregateCandles(minutes, FIVE_MIN).slice(-fiveMin.length);
    expect(withoutVolume(fiveMin)).toEqual(withoutVolume(expected));
    fiveMin.forEach((c, i) => expect(c.volume).toBeCloseTo(expected[i]?.volume ?? Number.NaN, 9));
    const older = await host.client.chart.candles({ symbol: 'BTC/USDT', timeframe: '5m', limit: 10, before: fiveMin.at(-20)?.ts });
    expect(older).toEqual(fiveMin.slice(-30, -20));
    const days = await host.client.chart.candles({ symbol: 'BTC/USDT', timeframe: '1d', limit: 10 });
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => d.ts % 86_400_000 === 0)).toBe(true);
  });

  it('refuses an unknown symbol with the reason', async () => {
    await expect(host.client.chart.candles({ symbol: 'DOGE/USDT', timeframe: '1h' })).rejects.toThrow('Unknown symbol DOGE/USDT');
  });

  it("streams the bot's strategy lines: history equal to the batch SMA over the stored bars, then a point per closed bar", async () => {
    const bot = await host.client.bots.create({ name: 'chart', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 3, slow: 8 }, orderQty: 0.01, account: 'paper' });
    const stop = new AbortController();
    const stream = await host.client.chart.plots({ botId: bot.id, timeframe: '1m' }, { signal: stop.signal });
    const iterator = stream[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as PlotEvent;
    if (first.kind !== 'history') throw new Error('the stream must open with the history');
    const stored = await host.client.market.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 5000 });
    const closes = Float64Array.from(stored.slice(-1009), (c) => c.close);
    const fast = first.series.find((s) => s.name === 'SMA 3');
    expect(fast?.points.at(-1)).toEqual({ ts: stored.at(-1)?.ts, value: sma(closes, 3).at(-1) });
    // 1000 chart bars plus the strategy's warm-up (slow + 1 = 9) are read; SMA 3 has its first value on the third.
    expect(fast?.points).toHaveLength(1007);

    await simulatedOf(host.engine.services).advance(TICKS_PER_BAR * 2);
    const next = (await iterator.next()).value as PlotEvent;
    await simulatedOf(host.engine.services).flush();
    const after = await host.client.market.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 10 });
    if (next.kind !== 'point') throw new Error('a point per closed bar was expected');
    const at = after.findIndex((c) => c.ts === next.ts);
    expect(at).toBeGreaterThan(2);
    const batch = sma(Float64Array.from(after.slice(at - 2, at + 1), (c) => c.close), 3).at(-1) ?? Number.NaN;
    expect(Math.abs((next.values[0] ?? Number.NaN) - batch)).toBeLessThan(batch * 1e-9);
    stop.abort();
  });

  it('streams a 5m bucket built on its stored minutes, closed with its last minute', async () => {
    const stop = new AbortController();
    const stream = await host.client.chart.live({ symbol: 'BTC/USDT', timeframe: '5m' }, { signal: stop.signal });
    const market = simulatedOf(host.engine.services);
    const updates = collect(stream, (events: CandleUpdate[]) => events.some((e) => e.closed));
    for (let i = 0; i < 6; i++) await market.advance(TICKS_PER_BAR);
    const closed = (await updates).find((e) => e.closed);
    stop.abort();
    await market.flush();
    const minutes = await host.client.market.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 50 });
    const stored = aggregateCandles(minutes, FIVE_MIN).find((c) => c.ts === closed?.candle.ts);
    expect(closed?.candle).toEqual(stored);
    expect(closed).toMatchObject({ symbol: 'BTC/USDT', timeframe: '5m' });
  });
});
