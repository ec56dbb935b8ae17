import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { startTestHost } from '../../headless/testing/test-host.ts';
import { insertCandlesBulk } from '../persistence/candles.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { BacktestService } from './backtest-service.ts';

const HOUR = 3_600_000;
const start = Date.UTC(2024, 0, 1);
// The hand-checked MA 2/4 series (see ma-crossover-run.test.ts): one losing trade 12.5 -> 8.5, then long from 11.4.
const closes = [10, 10, 10, 10, 9, 8, 12, 14, 15, 9, 7, 6, 8, 11, 12, 10];
const opens = [10, 10, 10, 10, 10, 9, 8, 12.5, 14, 15.5, 8.5, 7, 6.5, 8.2, 11.4, 11.8];
const candles: Candle[] = closes.map((close, i) => ({ ts: start + i * HOUR, open: opens[i]!, high: Math.max(opens[i]!, close), low: Math.min(opens[i]!, close), close, volume: 1 }));
const request = { symbol: 'ETH/USDT', timeframe: '1h', from: start, to: start + 16 * HOUR, strategy: { kind: 'ma_crossover' as const, fast: 2, slow: 4 }, qty: 3, feeBps: 0, slippageBps: 0 };

describe('backtest.* over the API (WebSocket RPC, real engine and store)', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
    const { db } = host.engine.services;
    await db.insertInto('candles').values(candles.map((c) => ({ venue: 'paper', symbol: 'ETH/USDT', timeframe: '1h', ...c }))).execute();
  });
  afterAll(() => host.close());

  it('runs with a progress stream, saves the run, lists, reads and deletes it', async () => {
    const events = [];
    for await (const event of await host.client.backtest.run(request)) events.push(event);
    expect(events[0]).toEqual({ kind: 'progress', done: 16, total: 16 });
    const done = events.at(-1);
    if (done?.kind !== 'done') throw new Error('the stream ended without its run');
    expect(done.run).toMatchObject({ venue: 'paper', symbol: 'ETH/USDT', timeframe: '1h', metrics: { trades: 1, netProfit: -16.2 } });

    expect((await host.client.backtest.list()).map((run) => run.id)).toEqual([done.run.id]);
    const saved = await host.client.backtest.get({ id: done.run.id });
    expect(saved.trades).toEqual([{ side: 'long', qty: 3, entryTime: start + 7 * HOUR, exitTime: start + 10 * HOUR, entryPrice: 12.5, exitPrice: 8.5, pnl: -12, fees: 0, exitReason: 'signal' }]);
    expect(saved.openTrade).toMatchObject({ entryPrice: 11.4, unrealizedPnl: -4.2 });
    expect(saved.options).toEqual({ qty: 3, feeBps: 0, slippageBps: 0, stopLossPct: null, takeProfitPct: null });
    expect(saved.equity).toHaveLength(16);

    await host.client.backtest.delete({ id: done.run.id });
    await expect(host.client.backtest.get({ id: done.run.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(host.client.backtest.delete({ id: done.run.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('charges the paper venue fee and slippage and puts prices on the symbol tick unless told otherwise', async () => {
    const { feeBps: _fee, slippageBps: _slip, ...defaults } = request;
    let runId = '';
    for await (const event of await host.client.backtest.run(defaults)) if (event.kind === 'done') runId = event.run.id;
    const [trade] = (await host.client.backtest.get({ id: runId })).trades;
    // 12.5 x 1.0005 = 12.50625 -> 12.51 on the 0.01 tick; 8.5 x 0.9995 = 8.49575 -> 8.5.
    expect(trade).toMatchObject({ entryPrice: 12.51, exitPrice: 8.5, fees: 0.06303 });
  });

  /** Reads a run's stream to its end; a refused request rejects on the first read, before any progress. */
  async function drain(input: typeof request) {
    const events = [];
    for await (const event of await host.client.backtest.run(input)) events.push(event);
    return events;
  }

  it('refuses before streaming: a range with no candles, a reversed range, an unknown venue', async () => {
    await expect(drain({ ...request, from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 2) })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('No ETH/USDT 1h candles from paper are stored') });
    await expect(drain({ ...request, to: request.from })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(drain({ ...request, symbol: 'DOGE/USDT' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining("Say which venue's DOGE/USDT candles") });
  });
});

describe('BacktestService on a long series', () => {
  it('streams progress in slices and saves nothing when the stream is cancelled', async () => {
    const opened = await openDatabase(join(tempDir(), 'runs.sqlite'));
    const long = Array.from({ length: 200_000 }, (_, i): Candle => ({ ts: i * 60_000, open: 100 + Math.sin(i / 50), high: 102, low: 98, close: 100 + Math.sin((i + 1) / 50), volume: 1 }));
    insertCandlesBulk(opened.sqlite, { venue: 'paper', symbol: 'BTC/USDT', timeframe: '1m' }, long);
    const service = new BacktestService({ db: opened.db, instruments: () => [] });
    const input = { symbol: 'BTC/USDT', venue: 'paper', timeframe: '1m', from: 0, to: 200_000 * 60_000, strategy: { kind: 'ma_crossover' as const, fast: 5, slow: 20 }, qty: 1 };

    const prepared = await service.prepare(input);
    if (!prepared.ok) throw new Error(prepared.error.message);
    const progress: number[] = [];
    for await (const event of service.execute(prepared.value)) if (event.kind === 'progress') progress.push(event.done);
    expect(progress).toEqual([65_536, 131_072, 196_608, 200_000]);
    expect(await service.list()).toHaveLength(1);

    const again = await service.prepare(input);
    if (!again.ok) throw new Error(again.error.message);
    const controller = new AbortController();
    for await (const event of service.execute(again.value, controller.signal)) if (event.kind === 'progress') controller.abort();
    expect(await service.list()).toHaveLength(1);
    await opened.close();
  });
});
