import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../../../headless/testing/test-host.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { walk } from './testing/walk.ts';

const HOUR = 3_600_000;
const start = Date.UTC(2024, 0, 1);
const series = walk(400);
const market = { symbol: 'ETH/USDT', timeframe: '1h', from: start, to: start + 400 * HOUR, qty: 1, feeBps: 0, slippageBps: 0 };
const iso = (bar: number, minutes = 0) => new Date(start + bar * HOUR + minutes * 60_000).toISOString();

describe('backtest.optimize and backtest.replay over the API (WebSocket RPC, real engine and store)', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  let tv = '';
  beforeAll(async () => {
    host = await startTestHost(tempDir());
    const { db } = host.engine.services;
    const rows = Array.from({ length: series.length }, (_, i) => ({ venue: 'paper', symbol: 'ETH/USDT', timeframe: '1h', ts: start + i * HOUR, open: series.open[i]!, high: series.high[i]!, low: series.low[i]!, close: series.close[i]!, volume: 1 }));
    await db.insertInto('candles').values(rows).execute();
    const command = (action: string, stopLoss: unknown) => JSON.stringify({ bot: 'tv', action, symbol: 'ETH/USDT', amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss, takeProfit: null, id: null, time: null, comment: null });
    const bot = (name: string) => host.client.bots.create({ name, symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1, account: 'paper' });
    tv = (await bot('tv')).id;
    const other = (await bot('other')).id;
    await db
      .insertInto('alerts')
      .values([
        { dedupeKey: 'a', botId: tv, receivedAt: start + 10 * HOUR + 60_000, commandJson: command('long', { percent: 3 }), status: 'executed' },
        { dedupeKey: 'b', botId: tv, receivedAt: start + 50 * HOUR + 60_000, commandJson: command('close', null), status: 'executed' },
        { dedupeKey: 'c', botId: tv, receivedAt: start + 90 * HOUR, commandJson: command('short', { percent: 3 }), status: 'refused' },
        { dedupeKey: 'd', botId: other, receivedAt: start + 95 * HOUR, commandJson: command('long', null), status: 'executed' },
      ])
      .execute();
  });
  afterAll(() => host.close());

  it('streams progress, then the ranking, with the skipped sets counted', async () => {
    const events = [];
    const request = { ...market, kind: 'ma_crossover' as const, params: { fast: { kind: 'range' as const, from: 2, to: 10, step: 2 }, slow: { kind: 'values' as const, values: [6, 12, 24] } }, search: { mode: 'grid' as const }, rankBy: 'netReturn' as const, top: 5 };
    for await (const event of await host.client.backtest.optimize(request)) events.push(event);
    const done = events.at(-1);
    if (done?.kind !== 'done') throw new Error('the stream ended without its ranking');
    expect(events.slice(0, -1).every((e) => e.kind === 'progress' && e.total === 12)).toBe(true);
    // fast 2..10 × slow {6, 12, 24}: fast 6, 8, 10 against slow 6 are refused.
    expect(done.result).toMatchObject({ tested: 12, skipped: 3, rankBy: 'netReturn' });
    expect(done.result.best).toHaveLength(5);
    const returns = done.result.best.map((b) => b.metrics.netReturn);
    expect([...returns].sort((a, b) => b - a)).toEqual(returns);
  });

  it('cancels when the client closes the stream, and allows one search at a time', async () => {
    const big = { ...market, kind: 'ma_crossover' as const, params: { fast: { kind: 'range' as const, from: 2, to: 60, step: 1 }, slow: { kind: 'range' as const, from: 61, to: 120, step: 1 } }, search: { mode: 'grid' as const }, rankBy: 'sharpe' as const };
    const first = (await host.client.backtest.optimize(big))[Symbol.asyncIterator]();
    expect((await first.next()).value).toMatchObject({ kind: 'progress', total: 59 * 60 });
    const second = (await host.client.backtest.optimize(big))[Symbol.asyncIterator]();
    await expect(second.next()).rejects.toMatchObject({ code: 'CONFLICT', message: 'A parameter search is already running; wait for it to finish or cancel it first' });
    await first.return?.();
    // The closed stream released the engine: the next search runs to its ranking.
    let last: unknown;
    for (let attempt = 0; attempt < 50 && last === undefined; attempt++) {
      try {
        for await (const event of await host.client.backtest.optimize({ ...big, params: { fast: { kind: 'values', values: [3] }, slow: { kind: 'values', values: [9] } } })) last = event;
      } catch (error) {
        // The engine learns of the closed stream a moment after the client closes it.
        if ((error as { code?: string }).code !== 'CONFLICT') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(last).toMatchObject({ kind: 'done', result: { tested: 1 } });
  });

  it('refuses a search with nothing to test on before streaming anything', async () => {
    const request = { ...market, symbol: 'BTC/USDT', kind: 'rsi' as const, params: {}, search: { mode: 'grid' as const }, rankBy: 'sharpe' as const };
    const error = await (async () => {
      for await (const event of await host.client.backtest.optimize(request)) return event;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('No BTC/USDT 1h candles from paper are stored') });
  });

  it('replays a bot’s stored alerts exactly as the same alerts in a CSV, and an override changes the result', async () => {
    const stored = await host.client.backtest.replay({ ...market, source: { kind: 'bot', botId: tv } });
    const csv = ['time,action,stop_loss', `${iso(10, 1)},long,3%`, `${iso(50, 1)},close,`, `${iso(90)},short,3%`].join('\n');
    const fromCsv = await host.client.backtest.replay({ ...market, source: { kind: 'csv', text: csv } });
    expect(stored).toEqual(fromCsv);
    expect(stored).toMatchObject({ alerts: 3, outsideCandles: 0 });
    // Filled at the next open, on the paper ETH/USDT tick of 0.01.
    expect(stored.trades[0]).toMatchObject({ side: 'long', entryTime: start + 11 * HOUR, entryPrice: expect.closeTo(series.open[11]!, 2) });
    const noStops = await host.client.backtest.replay({ ...market, source: { kind: 'bot', botId: tv }, stopLoss: 'none' });
    expect(noStops.trades[0]).toMatchObject({ exitTime: start + 51 * HOUR, exitPrice: expect.closeTo(series.open[51]!, 2), exitReason: 'signal' });
    await expect(host.client.backtest.replay({ ...market, source: { kind: 'bot', botId: 'nobody' } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Bot nobody has no stored alerts') });
  });
});
