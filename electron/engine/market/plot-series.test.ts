import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { CHART_TIMEFRAME_MS } from '../../../shared/contract/chart.ts';
import { macd, rsi, sma } from '../indicators/index.ts';
import { closeSeries, expectClose } from '../indicators/testing/series.ts';
import { createStrategy, type Strategy } from '../strategies/strategy.ts';
import { PlotSampler } from './plot-series.ts';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 25);
const barsOf = (closes: ArrayLike<number>): Candle[] => Array.from(closes, (close, i) => ({ ts: START + i * MIN, open: close, high: close, low: close, close, volume: 1 }));
const strategy = (params: Parameters<typeof createStrategy>[0]): Strategy => {
  const made = createStrategy(params);
  if (!made) throw new Error('a bar-driven strategy was expected');
  return made;
};

/** A plot as the batch layout: NaN where the sampler left a bar out (warm-up). */
function asBatch(points: readonly { ts: number; value: number }[], bars: readonly Candle[]): Float64Array {
  const byTs = new Map(points.map((p) => [p.ts, p.value]));
  return Float64Array.from(bars, (b) => byTs.get(b.ts) ?? Number.NaN);
}

describe('PlotSampler', () => {
  it('draws the moving averages the crossover strategy trades on, equal to the SMA batch over the same bars', () => {
    fc.assert(
      fc.property(closeSeries(120), (closes) => {
        const bars = barsOf(closes);
        const [fast, slow] = new PlotSampler(strategy({ kind: 'ma_crossover', fast: 3, slow: 7 }), MIN).history(bars);
        expect([fast?.name, fast?.pane, slow?.name, slow?.pane]).toEqual(['SMA 3', 'price', 'SMA 7', 'price']);
        expectClose(asBatch(fast?.points ?? [], bars), sma(closes, 3));
        expectClose(asBatch(slow?.points ?? [], bars), sma(closes, 7));
      }),
    );
  });

  it('draws RSI and MACD in the pane below, equal to their batch indicators', () => {
    fc.assert(
      fc.property(closeSeries(150), (closes) => {
        const bars = barsOf(closes);
        const rsiLines = new PlotSampler(strategy({ kind: 'rsi', period: 14, oversold: 30, overbought: 70, allowShort: false }), MIN).history(bars);
        const rsiLine = rsiLines.find((l) => l.name.startsWith('RSI'));
        expect(rsiLine?.pane).toBe('below');
        expectClose(asBatch(rsiLine?.points ?? [], bars), rsi(closes, 14));
        const [line, signal, histogram] = new PlotSampler(strategy({ kind: 'macd', fast: 12, slow: 26, signal: 9, histogramFilter: false, allowShort: false, minHistogramPct: 0 }), MIN).history(bars);
        const batch = macd(closes, 12, 26, 9);
        expectClose(asBatch(line?.points ?? [], bars), batch.macd);
        expectClose(asBatch(signal?.points ?? [], bars), batch.signal);
        expectClose(asBatch(histogram?.points ?? [], bars), batch.histogram);
      }),
    );
  });

  it('on a 5m chart, each bar shows the value after its last minute', () => {
    const closes = Float64Array.from({ length: 53 }, (_, i) => 100 + Math.sin(i / 3) * 5);
    const [fast] = new PlotSampler(strategy({ kind: 'ma_crossover', fast: 4, slow: 6 }), CHART_TIMEFRAME_MS['5m']).history(barsOf(closes));
    const batch = sma(closes, 4);
    // Buckets end at minutes 4, 9, … 49, and the partial last one at 52.
    const lastMinutes = [...Array.from({ length: 10 }, (_, k) => k * 5 + 4), 52];
    expect(fast?.points).toEqual(lastMinutes.map((m) => ({ ts: START + (m - (m % 5)) * MIN, value: batch[m] })));
  });

  it('steps the strategy once per minute: a replayed closed bar is ignored', () => {
    const sampler = new PlotSampler(strategy({ kind: 'ma_crossover', fast: 2, slow: 3 }), MIN);
    const bars = barsOf([1, 2, 3, 4]);
    sampler.history(bars.slice(0, 3));
    expect(sampler.onClosed(bars[2] as Candle)).toBeNull();
    expect(sampler.onClosed(bars[3] as Candle)).toEqual({ ts: START + 3 * MIN, values: [3.5, 3] });
  });

  it('shows a non-finite value (NaN, Infinity) as a hole instead of failing the stream', () => {
    const bars = barsOf([1, 2, Number.POSITIVE_INFINITY, 4]);
    const sampler = new PlotSampler(strategy({ kind: 'ma_crossover', fast: 2, slow: 3 }), MIN);
    const [fast] = sampler.history(bars);
    expect(fast?.points.every((p) => Number.isFinite(p.value))).toBe(true);
    expect(sampler.onClosed({ ...(bars[3] as Candle), ts: START + 4 * MIN })?.values.every((v) => v === null || Number.isFinite(v))).toBe(true);
  });
});
