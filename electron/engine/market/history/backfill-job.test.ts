import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/candle.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { PublicMarketData } from '../../venues/exchange.ts';
import { MAX_PAGE_ATTEMPTS, runBackfill, SETTLE_MS, type BackfillStatus } from './backfill-job.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5);
const bar = (ts: number, patch: Partial<Candle> = {}): Candle => ({ ts, open: 10, high: 11, low: 9, close: 10, volume: 1, ...patch });

/** An exchange answering from a script: each call takes the next answer. */
function scripted(answers: ((since: number) => Result<Candle[]>)[]): PublicMarketData & { calls: number[] } {
  const calls: number[] = [];
  return {
    exchangeId: 'scripted',
    calls,
    markets: async () => ok([]),
    tickers: async () => ok([]),
    candles: async (_symbol, _tf, since) => {
      calls.push(since ?? -1);
      const answer = answers.shift();
      return answer ? answer(since ?? 0) : ok([]);
    },
    close: async () => undefined,
  };
}

async function run(data: PublicMarketData, opts: { stored?: Candle[]; to?: number; abort?: AbortController } = {}) {
  const written: Candle[] = [...(opts.stored ?? [])];
  const waits: number[] = [];
  const reports: BackfillStatus[] = [];
  const final = await runBackfill(
    {
      data,
      write: async (candles) => (written.push(...candles), candles.length),
      newestStored: async () => written.at(-1)?.ts,
      now: () => T0 + 10 * MINUTE + SETTLE_MS,
      sleep: async (ms) => void waits.push(ms),
    },
    { symbol: 'BTC/USDT', timeframe: '1m', timeframeMs: MINUTE, from: T0, ...(opts.to ? { to: opts.to } : {}) },
    (opts.abort ?? new AbortController()).signal,
    (status) => reports.push(status),
  );
  return { final, written, waits, reports };
}

const page = (from: number, count: number) => () => ok(Array.from({ length: count }, (_, i) => bar(from + i * MINUTE)));

describe('runBackfill against odd exchange answers', () => {
  it('refuses a page with a NaN price, keeping the pages before it', async () => {
    const data = scripted([page(T0, 3), () => ok([bar(T0 + 3 * MINUTE, { close: Number.NaN })])]);
    const { final, written } = await run(data);
    expect(final).toMatchObject({ state: 'failed', message: expect.stringContaining('close NaN is not a finite number') });
    expect(written).toHaveLength(3);
  });

  it('refuses a bar with high below low', async () => {
    const { final, written } = await run(scripted([() => ok([bar(T0, { high: 8 })])]));
    expect(final.message).toContain('high 8 is below low 9');
    expect(written).toHaveLength(0);
  });

  it('sorts a reversed page, drops repeated bars and the one still forming', async () => {
    const reversed = () => ok([bar(T0 + 10 * MINUTE), bar(T0 + 2 * MINUTE), bar(T0 + MINUTE), bar(T0 + MINUTE), bar(T0)]);
    const { final, written } = await run(scripted([reversed]));
    expect(written.map((c) => c.ts)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(final.state).toBe('done');
  });

  it('stops instead of asking forever when the exchange answers older bars than asked', async () => {
    const stale = () => ok([bar(T0 - 5 * MINUTE)]);
    const { final } = await run(scripted([page(T0, 2), stale, stale, stale]));
    expect(final).toMatchObject({ state: 'failed', message: expect.stringContaining('stopped to avoid asking forever') });
  });

  it('waits with the Retry-After asked, doubling otherwise, and gives up after the last try', async () => {
    const busy = () => fail('UNAVAILABLE', 'Binance is limiting our requests', undefined, { retryAfterMs: 5000 });
    const down = () => fail('UNAVAILABLE', 'Binance did not answer');
    const { final, waits, reports } = await run(scripted([busy, down, down, down, down, down]));
    expect(waits).toEqual([5000, 2000, 4000, 8000, 16000]);
    expect(reports.some((r) => r.state === 'waiting' && r.message === 'Binance is limiting our requests; trying again in 5 s (try 2 of 6)')).toBe(true);
    expect(final).toMatchObject({ state: 'failed', message: `Stopped after ${MAX_PAGE_ATTEMPTS} tries: Binance did not answer. The bars fetched before are kept; start again to continue` });
  });

  it('does not retry a refusal', async () => {
    const data = scripted([() => fail('REFUSED', 'Binance does not list NOPE/USDT')]);
    const { final } = await run(data);
    expect(final.message).toBe('Stopped: Binance does not list NOPE/USDT. The bars fetched before are kept; start again to continue');
    expect(data.calls).toHaveLength(1);
  });

  it('reports cancelled when aborted between pages', async () => {
    const abort = new AbortController();
    const data = scripted([() => (abort.abort(), ok([bar(T0)]))]);
    const { final, written } = await run(data, { abort });
    expect(final.state).toBe('cancelled');
    expect(written).toHaveLength(0);
  });

  it('leaves a bar that ended less than the settling time ago for the next run', async () => {
    const data = scripted([page(T0, 11)]);
    const written: Candle[] = [];
    const deps = { data, write: async (c: Candle[]) => (written.push(...c), c.length), newestStored: async () => undefined, sleep: async () => undefined };
    const plan = { symbol: 'BTC/USDT', timeframe: '1m', timeframeMs: MINUTE, from: T0 };
    await runBackfill({ ...deps, now: () => T0 + 10 * MINUTE + SETTLE_MS - 1 }, plan, new AbortController().signal, () => undefined);
    expect(written.at(-1)?.ts).toBe(T0 + 8 * MINUTE);
  });

  it('counts fractions up to 1 by time covered', async () => {
    const { reports } = await run(scripted([page(T0, 5), page(T0 + 5 * MINUTE, 5)]));
    expect(reports.map((r) => r.fraction)).toEqual([0.5, 1, 1]);
  });
});

describe('runBackfill: property', () => {
  it('whatever the page sizes, order, repeats, outages and stored start, it stores each closed bar in range once', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          listed: fc.integer({ min: 0, max: 40 }),
          stored: fc.integer({ min: 0, max: 60 }),
          pageSizes: fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 8 }),
          reverse: fc.boolean(),
          repeat: fc.boolean(),
          outages: fc.array(fc.boolean(), { maxLength: MAX_PAGE_ATTEMPTS - 1 }),
        }),
        async ({ listed, stored, pageSizes, reverse, repeat, outages }) => {
          const now = T0 + 100 * MINUTE + SETTLE_MS + 30_000;
          // The exchange lists the symbol at T0 + listed minutes; the bar at T0 + 100 min is still forming.
          const exchange = Array.from({ length: 101 - listed }, (_, i) => bar(T0 + (listed + i) * MINUTE));
          let call = 0;
          const data: PublicMarketData = {
            exchangeId: 'prop',
            markets: async () => ok([]),
            tickers: async () => ok([]),
            candles: async (_s, _t, since) => {
              const n = call++;
              if (outages[n]) return fail('UNAVAILABLE', 'down for a moment');
              let page = exchange.filter((c) => c.ts >= (since ?? 0)).slice(0, pageSizes[n % pageSizes.length]);
              if (repeat) page = [...page, ...page.slice(0, 2)];
              return ok(reverse ? [...page].reverse() : page);
            },
            close: async () => undefined,
          };
          const written = exchange.filter((c) => c.ts < T0 + stored * MINUTE);
          const final = await runBackfill(
            { data, write: async (c) => (written.push(...c), c.length), newestStored: async () => written.at(-1)?.ts, now: () => now, sleep: async () => undefined },
            { symbol: 'P/USDT', timeframe: '1m', timeframeMs: MINUTE, from: T0 },
            new AbortController().signal,
            () => undefined,
          );
          expect(final.state).toBe('done');
          expect(written.map((c) => c.ts)).toEqual(exchange.slice(0, 100 - listed).map((c) => c.ts));
        },
      ),
      { numRuns: 200 },
    );
  });
});
