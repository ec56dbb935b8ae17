import { type IChartApi, type ISeriesApi, LineSeries, LineStyle, type UTCTimestamp } from 'lightweight-charts';
import type { PlotSeries } from '../../shared/contract/chart.ts';

/** Distinct on the dark background, and none of them the candles' green or red. */
const COLOURS = ['#f0b429', '#4dabf7', '#e599f7', '#63e6be', '#ffa94d', '#a9e34b'];
/** The price pane gets three times the height of the indicator pane below it. */
const PRICE_PANE_STRETCH = 3;

interface Line {
  series: ISeriesApi<'Line'>;
  lastTime: number;
}

/**
 * The strategy's declared lines: averages and bands over the candles, oscillators (RSI, MACD) in
 * a pane of their own below. Points arrive per closed bar; one for the same bar replaces the last.
 */
export class PlotLines {
  readonly #chart: IChartApi;
  #lines: Line[] = [];
  #names: string[] = [];

  constructor(chart: IChartApi) {
    this.#chart = chart;
  }

  get names(): readonly string[] {
    return this.#names;
  }

  /** Draws the lines afresh (a new subscription sends them whole). */
  setHistory(series: readonly PlotSeries[]): void {
    for (const line of this.#lines) this.#chart.removeSeries(line.series);
    const flatLevel = (s: PlotSeries) => s.points.length > 1 && s.points.every((p) => p.value === s.points[0]?.value);
    this.#lines = series.map((s, i) => {
      // A constant line (RSI's oversold and overbought levels) is a threshold: dashed, without a price label.
      const constant = flatLevel(s);
      const line = this.#chart.addSeries(
        LineSeries,
        { color: COLOURS[i % COLOURS.length], lineWidth: constant ? 1 : 2, lineStyle: constant ? LineStyle.Dashed : LineStyle.Solid, title: s.name, lastValueVisible: !constant, priceLineVisible: false, crosshairMarkerVisible: !constant },
        s.pane === 'price' ? 0 : 1,
      );
      line.setData(s.points.map((p) => ({ time: (p.ts / 1000) as UTCTimestamp, value: p.value })));
      return { series: line, lastTime: (s.points.at(-1)?.ts ?? -Infinity) / 1000 };
    });
    this.#names = series.map((s) => s.name);
    if (series.some((s) => s.pane === 'below')) this.#chart.panes()[0]?.setStretchFactor(PRICE_PANE_STRETCH);
  }

  /** Each line's value after the bar opened at `ts` (epoch ms); null leaves the line as it is (warming up). */
  push(ts: number, values: readonly (number | null)[]): void {
    const time = ts / 1000;
    values.forEach((value, i) => {
      const line = this.#lines[i];
      // The chart refuses a point older than a line's last one (a stale event after a reload).
      if (!line || value === null || time < line.lastTime) return;
      line.series.update({ time: time as UTCTimestamp, value });
      line.lastTime = time;
    });
  }
}
