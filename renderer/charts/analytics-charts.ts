import { AreaSeries, createChart, HistogramSeries, type IChartApi, type ISeriesApi, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import type { Dashboard } from '../../shared/contract/analytics.ts';

const UP = '#26a69a';
const DOWN = '#ef5350';

function baseChart(container: HTMLElement): IChartApi {
  return createChart(container, {
    autoSize: true,
    // No logo: it injects a <style> element our CSP blocks (attribution is linked under the chart).
    layout: { background: { color: '#0f1419' }, textColor: '#c9d1d9', attributionLogo: false },
    grid: { vertLines: { color: '#1c2430' }, horzLines: { color: '#1c2430' } },
    timeScale: { timeVisible: false },
  });
}

const at = (ts: number) => (ts / 1000) as UTCTimestamp;

/** The equity curve above, its drawdown (in percent, zero or below) in a pane under it; created once, fed by `update`. */
export class EquityChart {
  readonly #chart: IChartApi;
  readonly #equity: ISeriesApi<'Line'>;
  readonly #drawdown: ISeriesApi<'Area'>;

  constructor(container: HTMLElement) {
    this.#chart = baseChart(container);
    this.#equity = this.#chart.addSeries(LineSeries, { color: '#7cc4ff', lineWidth: 2, title: 'Equity' });
    this.#drawdown = this.#chart.addSeries(AreaSeries, { lineColor: DOWN, topColor: 'rgba(239,83,80,0.1)', bottomColor: 'rgba(239,83,80,0.5)', title: 'Drawdown %', invertFilledArea: true }, 1);
  }

  update(points: Dashboard['equity']): void {
    this.#equity.setData(points.map((p) => ({ time: at(p.ts), value: p.equity })));
    this.#drawdown.setData(points.map((p) => ({ time: at(p.ts), value: Math.round(p.drawdown * 10_000) / 100 })));
    this.#chart.timeScale().fitContent();
  }

  remove(): void {
    this.#chart.remove();
  }
}

/** Profit and loss per period as green and red bars. */
export class PnlBarsChart {
  readonly #chart: IChartApi;
  readonly #bars: ISeriesApi<'Histogram'>;

  constructor(container: HTMLElement) {
    this.#chart = baseChart(container);
    this.#bars = this.#chart.addSeries(HistogramSeries, { title: 'P&L' });
  }

  update(buckets: Dashboard['pnlByDay']): void {
    this.#bars.setData(buckets.map((b) => ({ time: at(b.ts), value: b.pnl, color: b.pnl >= 0 ? UP : DOWN })));
    this.#chart.timeScale().fitContent();
  }

  remove(): void {
    this.#chart.remove();
  }
}
