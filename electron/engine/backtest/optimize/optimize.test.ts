import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StrategyParams } from '../../../../shared/domain/strategy-params.ts';
import { runBacktest } from '../run-backtest.ts';
import { optimize, type OptimizeRequest } from './optimize.ts';
import { walk } from './testing/walk.ts';

const candles = walk(3000);
const options = { qty: 1, feeRate: 0.001 };
const maGrid: OptimizeRequest = {
  kind: 'ma_crossover',
  params: { fast: { kind: 'range', from: 2, to: 20, step: 3 }, slow: { kind: 'range', from: 5, to: 40, step: 5 }, ma: { kind: 'values', values: ['sma', 'ema'] } },
  search: { mode: 'grid' },
  rankBy: 'sharpe',
  top: 200,
};

/** The same search done the plain way: every valid set backtested one after another here, sorted by Sharpe (ties: search order). */
function rankedInProcess(): { params: StrategyParams; sharpe: number | null }[] {
  const rows: { params: StrategyParams; sharpe: number | null; index: number }[] = [];
  for (const fast of [2, 5, 8, 11, 14, 17, 20])
    for (const slow of [5, 10, 15, 20, 25, 30, 35, 40])
      for (const ma of ['sma', 'ema'] as const) {
        if (fast >= slow) continue;
        const result = runBacktest(candles, { kind: 'ma_crossover', fast, slow, ma }, options);
        if (!result.ok) throw new Error(result.error.message);
        rows.push({ params: { kind: 'ma_crossover', fast, slow, ma }, sharpe: result.value.metrics.sharpe, index: rows.length });
      }
  rows.sort((a, b) => (b.sharpe ?? -Infinity) - (a.sharpe ?? -Infinity) || a.index - b.index);
  return rows.map(({ params, sharpe }) => ({ params, sharpe }));
}

const threads = () => readdirSync('/proc/self/task').length;

describe('parameter optimisation on worker threads', () => {
  it('ranks exactly as backtesting the same sets one by one in process, and counts the sets with fast ≥ slow as skipped', async () => {
    const progress: number[] = [];
    const result = await optimize(candles, maGrid, options, { workers: 2, onProgress: (done) => progress.push(done) });
    if (!result?.ok) throw new Error(JSON.stringify(result));
    const expected = rankedInProcess();
    // 7 fast × 8 slow × 2 averages = 112; fast ≥ slow: (5,5) (8,5) (11,5|10) (14,5|10) (17,5|10|15) (20,5|10|15|20) = 13 pairs × 2.
    expect(result.value).toMatchObject({ tested: 86, skipped: 26, workers: 2 });
    expect(result.value.skippedReason).toBe('Slow period must be greater than the fast period');
    expect(result.value.best.map((b) => ({ params: b.params, sharpe: b.metrics.sharpe }))).toEqual(expected);
    expect(result.value.best.map((b) => b.rank)).toEqual(expected.map((_, i) => i + 1));
    expect(progress.at(-1)).toBe(86);
  });

  it('ranks the drawdown closest to zero first and keeps only the top sets', async () => {
    const result = await optimize(candles, { ...maGrid, rankBy: 'maxDrawdownPct', top: 3 }, options, { workers: 2 });
    if (!result?.ok) throw new Error(JSON.stringify(result));
    const drawdowns = result.value.best.map((b) => b.metrics.maxDrawdownPct);
    expect(drawdowns).toHaveLength(3);
    expect([...drawdowns].sort((a, b) => b - a)).toEqual(drawdowns);
  });

  it('refuses a grid over 10,000 sets, and a value outside a parameter’s bounds, before any thread starts', async () => {
    const huge = await optimize(candles, { ...maGrid, params: { fast: { kind: 'range', from: 2, to: 201, step: 1 }, slow: { kind: 'range', from: 300, to: 500, step: 1 } } }, options);
    expect(huge).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('This grid has 40,200 parameter sets; one search tests at most 10,000') } });
    const outOfBounds = await optimize(candles, { ...maGrid, params: { fast: { kind: 'range', from: 1, to: 3, step: 1 }, ma: { kind: 'values', values: ['wma'] } } }, options);
    expect(outOfBounds).toMatchObject({ ok: false, error: { message: expect.stringContaining('Fast period cannot be 1: Fast period must be at least 2') } });
    if (outOfBounds?.ok !== false) throw new Error('expected a refusal');
    expect(outOfBounds.error.issues?.map((i) => i.path)).toEqual([['params', 'fast'], ['params', 'ma']]);
    const noneValid = await optimize(candles, { ...maGrid, params: { fast: { kind: 'values', values: [30] }, slow: { kind: 'values', values: [10, 20] } } }, options);
    expect(noneValid).toMatchObject({ ok: false, error: { message: 'None of the 2 parameter sets is valid (Slow period must be greater than the fast period); nothing to test' } });
  });

  it('refuses options a backtest refuses, with the backtest’s words', async () => {
    const result = await optimize(candles, maGrid, { qty: Number.NaN });
    expect(result).toMatchObject({ ok: false, error: { message: 'Order size must be a positive number; got NaN' } });
  });

  it('draws distinct random sets, the same ones for the same seed, and the whole grid when asked for more', async () => {
    const random = { ...maGrid, search: { mode: 'random' as const, samples: 20, seed: 5 } };
    const first = await optimize(candles, random, options, { workers: 1 });
    const again = await optimize(candles, random, options, { workers: 1 });
    if (!first?.ok || !again?.ok) throw new Error('expected results');
    expect(first.value.tested + first.value.skipped).toBe(20);
    expect(new Set(first.value.best.map((b) => JSON.stringify(b.params))).size).toBe(first.value.tested);
    expect(again.value.best).toEqual(first.value.best);
    const all = await optimize(candles, { ...maGrid, search: { mode: 'random', samples: 5000 } }, options, { workers: 2 });
    expect(all).toMatchObject({ ok: true, value: { tested: 86, skipped: 26 } });
  });

  it('stops at once when cancelled: resolves to null before the end and leaves no thread behind', async () => {
    const before = threads();
    const controller = new AbortController();
    let seen = 0;
    const big = walk(100_000);
    const request: OptimizeRequest = { ...maGrid, params: { fast: { kind: 'range', from: 2, to: 50, step: 1 }, slow: { kind: 'range', from: 60, to: 100, step: 1 } } };
    const result = await optimize(big, request, options, {
      workers: 2,
      signal: controller.signal,
      onProgress: (done) => {
        seen = done;
        controller.abort();
      },
    });
    expect(result).toBeNull();
    expect(seen).toBeLessThan(49 * 41);
    expect(threads()).toBeLessThanOrEqual(before);
  });

  it('reports a worker that throws or exits as a failure instead of waiting for it forever', async () => {
    const workerUrl = new URL('./testing/failing-worker.ts', import.meta.url);
    const thrown = await optimize(candles, maGrid, options, { workers: 2, workerUrl });
    expect(thrown).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'The optimisation stopped: a worker thread failed (boom in the worker) after 0 of 86 parameter sets; nothing was ranked' } });
    const exited = await optimize(candles, maGrid, { qty: 13 }, { workers: 2, workerUrl });
    expect(exited).toMatchObject({ ok: false, error: { message: expect.stringContaining('a worker thread exited with code 13') } });
  });
});
