import type { Candle } from '../../../shared/domain/candle.ts';
import type { PlotSeries } from '../../../shared/contract/chart.ts';
import type { Strategy, StrategyPosition } from '../strategies/strategy.ts';
import { bucketStart } from './candle-aggregation.ts';

/** Plots are indicator values: the position only steers intents, which the chart ignores. */
const FLAT: StrategyPosition = { qty: 0, avgPx: 0 };

/** A plot value the contract can carry: NaN or ±Infinity (a broken input) shows as a hole, never as a failed stream. */
const shown = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);

/**
 * Runs the bot's strategy module (the same code that trades) over closed base bars and reads its
 * declared plots after each one, stamped at the open of the chart bar (bucket) the base bar is in.
 * A chart bar thus shows the value as of its last closed minute.
 */
export class PlotSampler {
  readonly #strategy: Strategy;
  readonly #bucketMs: number;
  #lastTs = -Infinity;

  constructor(strategy: Strategy, bucketMs: number) {
    this.#strategy = strategy;
    this.#bucketMs = bucketMs;
  }

  get lines(): { name: string; pane: 'price' | 'below' }[] {
    return this.#strategy.plots.map(({ name, pane }) => ({ name, pane }));
  }

  /** Each plot's value after the bar, or null for a bar already seen (a replay) that must not step the strategy twice. */
  onClosed(bar: Candle): { ts: number; values: (number | null)[] } | null {
    if (bar.ts <= this.#lastTs) return null;
    this.#lastTs = bar.ts;
    this.#strategy.onBar(bar, FLAT);
    return { ts: bucketStart(bar.ts, this.#bucketMs), values: this.#strategy.plots.map((p) => shown(p.value())) };
  }

  /**
   * Every plot over `bars` (oldest first): one point per chart bar, warm-up bars left out. Pass the
   * series of the previous call to continue them with the next chunk of bars.
   */
  history(bars: readonly Candle[], series: PlotSeries[] = this.lines.map((line) => ({ ...line, points: [] }))): PlotSeries[] {
    for (const bar of bars) {
      const sample = this.onClosed(bar);
      if (!sample) continue;
      sample.values.forEach((value, i) => {
        const points = (series[i] as PlotSeries).points;
        if (value === null) return;
        if (points.at(-1)?.ts === sample.ts) points[points.length - 1] = { ts: sample.ts, value };
        else points.push({ ts: sample.ts, value });
      });
    }
    return series;
  }
}
