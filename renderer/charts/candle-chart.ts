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
import type { Candle, CandleUpdate } from '../../shared/domain/candle.ts';
import type { Fill } from '../../shared/domain/order.ts';
import { type Bar, type Gap, LiveBars, type SeriesChange } from './live-bars.ts';

const toBar = (c: Candle): Bar => ({ time: c.ts / 1000, open: c.open, high: c.high, low: c.low, close: c.close });
const toData = (b: Bar): CandlestickData<Time> => ({ ...b, time: b.time as UTCTimestamp });

export interface CandleChartSources {
  /** Older bars when the trader scrolls back: closed bars opened before `oldestTs` (epoch ms). */
  older(oldestTs: number): Promise<Candle[]>;
  /** Bars the live stream skipped (a fast market): the caller reads them back and calls `merge`. */
  onGap(gap: Gap): void;
}

/**
 * A candlestick chart created once per mount and then fed imperatively: live updates go straight
 * to `series.update`, never through React state, and at most one per animation frame (the latest).
 */
export class CandleChart {
  readonly #chart: IChartApi;
  readonly #series: ISeriesApi<'Candlestick'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  readonly #container: HTMLElement;
  readonly #bars = new LiveBars(60);
  readonly #sources: CandleChartSources;
  #pending: CandleUpdate | null = null;
  #frame = 0;
  #loadingOlder = false;

  constructor(container: HTMLElement, sources: CandleChartSources) {
    this.#container = container;
    this.#sources = sources;
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
      const oldest = this.#bars.bars[0];
      if (!range || range.from > 20 || !oldest || this.#loadingOlder) return;
      this.#loadingOlder = true;
      sources
        .older(oldest.time * 1000)
        .then((older) => this.merge(older))
        .catch(() => undefined)
        .finally(() => (this.#loadingOlder = false));
    });
  }

  setHistory(candles: readonly Candle[]): void {
    this.#show(this.#bars.setHistory(candles.map(toBar)));
  }

  /** Takes a live update; the chart draws the latest one on the next animation frame. */
  push(update: CandleUpdate): void {
    this.#pending = update;
    this.#frame ||= requestAnimationFrame(() => this.#drawPending());
  }

  /** Closed bars read back from history (a gap's, or older ones). */
  merge(candles: readonly Candle[]): void {
    this.#show(this.#bars.merge(candles.map(toBar)));
  }

  #drawPending(): void {
    this.#frame = 0;
    const update = this.#pending;
    this.#pending = null;
    if (!update) return;
    const { change, gap } = this.#bars.apply(toBar(update.candle), update.closed);
    this.#show(change);
    if (gap) this.#sources.onGap(gap);
  }

  #show(change: SeriesChange): void {
    if (change.kind === 'none') return;
    if (change.kind === 'update') this.#series.update(toData(change.bar));
    else this.#series.setData(change.bars.map(toData));
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
    const last = this.#bars.bars.at(-1);
    this.#container.dataset.bars = String(this.#bars.bars.length);
    this.#container.dataset.lastBar = last ? String(last.time) : '';
    this.#container.dataset.lastClose = last ? String(last.close) : '';
  }

  dispose(): void {
    cancelAnimationFrame(this.#frame);
    this.#chart.remove();
  }
}
