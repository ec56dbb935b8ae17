import {
  CandlestickSeries,
  type CandlestickData,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle } from '../../shared/domain/candle.ts';
import type { Fill } from '../../shared/domain/order.ts';

/** lightweight-charts' update() costs O(bars); beyond this many bars the oldest are dropped. */
export const MAX_LIVE_BARS = 5_000;
const TRIM_SLACK = 500;

const toBar = (c: Candle): CandlestickData<Time> => ({ time: (c.ts / 1000) as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close });

/**
 * A candlestick chart created once per mount and then fed imperatively: live ticks go straight to
 * `series.update`, never through React state.
 */
export class CandleChart {
  readonly #chart: IChartApi;
  readonly #series: ISeriesApi<'Candlestick'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  readonly #container: HTMLElement;
  #bars: CandlestickData<Time>[] = [];
  #loadingOlder = false;

  constructor(container: HTMLElement, onNeedOlder: (oldestTs: number) => Promise<Candle[]>) {
    this.#container = container;
    this.#chart = createChart(container, {
      autoSize: true,
      // The logo injects a <style> element, which our CSP (no inline styles) blocks; the licence's
      // attribution is given as a link under the chart instead.
      layout: { background: { color: '#0f1419' }, textColor: '#c9d1d9', attributionLogo: false },
      grid: { vertLines: { color: '#1c2430' }, horzLines: { color: '#1c2430' } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    this.#series = this.#chart.addSeries(CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', wickUpColor: '#26a69a', wickDownColor: '#ef5350', borderVisible: false });
    this.#markers = createSeriesMarkers(this.#series, []);
    this.#chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      const oldest = this.#bars[0];
      if (!range || range.from > 20 || !oldest || this.#loadingOlder) return;
      this.#loadingOlder = true;
      onNeedOlder((oldest.time as number) * 1000)
        .then((older) => this.#prepend(older))
        .finally(() => (this.#loadingOlder = false));
    });
  }

  setHistory(candles: readonly Candle[]): void {
    this.#bars = candles.map(toBar);
    this.#series.setData(this.#bars);
    this.#describe();
  }

  update(candle: Candle): void {
    const bar = toBar(candle);
    const last = this.#bars.at(-1);
    if (last && (bar.time as number) < (last.time as number)) return;
    if (last && last.time === bar.time) this.#bars[this.#bars.length - 1] = bar;
    else this.#bars.push(bar);
    if (this.#bars.length > MAX_LIVE_BARS + TRIM_SLACK) {
      this.#bars = this.#bars.slice(-MAX_LIVE_BARS);
      this.#series.setData(this.#bars);
    } else {
      this.#series.update(bar);
    }
    this.#describe();
  }

  /** Buy and sell markers at the bar of each fill. */
  setFills(fills: readonly Fill[]): void {
    const markers: SeriesMarker<Time>[] = fills
      .map((f) => ({
        time: (Math.floor(f.tsEvent / 60_000) * 60) as UTCTimestamp,
        position: f.side === 'BUY' ? ('belowBar' as const) : ('aboveBar' as const),
        color: f.side === 'BUY' ? '#26a69a' : '#ef5350',
        shape: f.side === 'BUY' ? ('arrowUp' as const) : ('arrowDown' as const),
        text: `${f.side === 'BUY' ? 'B' : 'S'} ${f.lastQty}`,
      }))
      .sort((a, b) => (a.time as number) - (b.time as number));
    this.#markers.setMarkers(markers);
    this.#container.dataset.markers = String(markers.length);
  }

  /** What the canvas shows, as attributes: for assistive tools and for end-to-end tests. */
  #describe(): void {
    const last = this.#bars.at(-1);
    this.#container.dataset.bars = String(this.#bars.length);
    this.#container.dataset.lastBar = last ? String(last.time) : '';
    this.#container.dataset.lastClose = last ? String(last.close) : '';
  }

  dispose(): void {
    this.#chart.remove();
  }

  #prepend(older: readonly Candle[]): void {
    const first = this.#bars[0];
    const fresh = older.map(toBar).filter((b) => !first || (b.time as number) < (first.time as number));
    if (fresh.length === 0) return;
    this.#bars = [...fresh, ...this.#bars];
    this.#series.setData(this.#bars);
    this.#describe();
  }
}
