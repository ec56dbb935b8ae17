import { type IChartApi, type ISeriesApi, LineSeries, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { BacktestRun } from '../../../../shared/contract/backtest.ts';
import { chartPoints } from '../chart-points.ts';
import { PERCENT_FORMAT, RUN_COLOURS, themedChart } from './chart-theme.ts';

/**
 * Runs' equity curves overlaid as return on their own initial capital (percent), so runs with
 * different sizes or capital compare on one scale.
 */
export class CompareChart {
  readonly #chart: IChartApi;
  readonly #container: HTMLElement;
  #lines: ISeriesApi<'Line', Time>[] = [];

  constructor(container: HTMLElement) {
    this.#container = container;
    this.#chart = themedChart(container, true);
  }

  show(runs: readonly (Pick<BacktestRun, 'equity' | 'metrics'> & { label: string })[]): void {
    for (const line of this.#lines) this.#chart.removeSeries(line);
    this.#lines = runs.map((run, i) => {
      const capital = run.metrics.initialCapital;
      const line = this.#chart.addSeries(LineSeries, { color: RUN_COLOURS[i % RUN_COLOURS.length], lineWidth: 2, title: run.label, priceFormat: PERCENT_FORMAT });
      line.setData(chartPoints(run.equity, (value) => ((value - capital) / capital) * 100).map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
      return line;
    });
    this.#chart.timeScale().fitContent();
    this.#container.dataset.curves = String(this.#lines.length);
  }

  dispose(): void {
    this.#chart.remove();
  }
}
