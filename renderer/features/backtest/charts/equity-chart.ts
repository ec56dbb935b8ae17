import { AreaSeries, type IChartApi, type ISeriesApi, LineSeries, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { BacktestRun } from '../../../../shared/contract/backtest.ts';
import { chartPoints, drawdownPercent } from '../chart-points.ts';
import { PERCENT_FORMAT, themedChart } from './chart-theme.ts';

const asData = (points: ReturnType<typeof chartPoints>) => points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));

/** A run's equity (quote currency, top pane) and its drawdown below the running peak (percent, bottom pane). */
export class EquityChart {
  readonly #chart: IChartApi;
  readonly #equity: ISeriesApi<'Line', Time>;
  readonly #drawdown: ISeriesApi<'Area', Time>;
  readonly #container: HTMLElement;

  constructor(container: HTMLElement) {
    this.#container = container;
    this.#chart = themedChart(container, true);
    this.#equity = this.#chart.addSeries(LineSeries, { color: '#7cc4ff', lineWidth: 2, title: 'Equity' }, 0);
    this.#drawdown = this.#chart.addSeries(AreaSeries, { lineColor: '#ef5350', topColor: 'rgba(239,83,80,0.1)', bottomColor: 'rgba(239,83,80,0.4)', invertFilledArea: true, title: 'Drawdown', priceFormat: PERCENT_FORMAT }, 1);
    this.#chart.panes()[1]?.setHeight(110);
  }

  show(run: Pick<BacktestRun, 'equity' | 'metrics'>): void {
    const equity = chartPoints(run.equity);
    const drawdown = chartPoints(drawdownPercent(run.equity, run.metrics.initialCapital));
    this.#equity.setData(asData(equity));
    this.#drawdown.setData(asData(drawdown));
    this.#chart.timeScale().fitContent();
    // What the canvas shows, as attributes: for assistive tools and end-to-end tests.
    this.#container.dataset.points = String(equity.length);
    this.#container.dataset.lastEquity = String(equity.at(-1)?.value ?? '');
    this.#container.dataset.deepestDrawdown = String(Math.min(0, ...drawdown.map((p) => p.value)));
  }

  dispose(): void {
    this.#chart.remove();
  }
}
