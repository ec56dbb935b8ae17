import {
  CandlestickSeries,
  HistogramSeries,
  type HistogramData,
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
import type { PlotSeries } from '../../shared/contract/chart.ts';
import type { Fill } from '../../shared/domain/order.ts';
import { type Bar, type Gap, LiveBars, type SeriesChange } from './live-bars.ts';
import { PlotLines } from './plot-lines.ts';
import { type PriceLevel, PriceLevels } from './price-levels.ts';

type VolumeBar = Bar & { volume: number };
const toBar = (c: Candle): VolumeBar => ({ time: c.ts / 1000, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });
const toData = ({ volume: _, ...b }: VolumeBar): CandlestickData<Time> => ({ ...b, time: b.time as UTCTimestamp });
const toVolume = (b: VolumeBar): HistogramData<Time> => ({ time: b.time as UTCTimestamp, value: b.volume, color: b.close >= b.open ? '#26a69a55' : '#ef535055' });
/** More than this many bars back from the latest, the trader has scrolled away: live bars no longer move the view. */
const FOLLOW_TOLERANCE_BARS = 1;

export interface CandleChartSources {
  /** Older bars when the trader scrolls back: closed bars opened before `oldestTs` (epoch ms). */
  older(oldestTs: number): Promise<Candle[]>;
  /** Bars the live stream skipped (a fast market): the caller reads them back and calls `merge`. */
  onGap(gap: Gap): void;
  /** The latest bar went out of view (the trader scrolled back), or came back into it. */
  onFollowingChange(following: boolean): void;
}

/**
 * A candlestick chart created once per mount and then fed imperatively: live updates go straight
 * to `series.update`, never through React state, and at most one per animation frame (the latest).
 */
export class CandleChart {
  readonly #chart: IChartApi;
  readonly #series: ISeriesApi<'Candlestick'>;
  readonly #volume: ISeriesApi<'Histogram'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  readonly #plots: PlotLines;
  readonly #levels: PriceLevels;
  readonly #container: HTMLElement;
  readonly #bars: LiveBars<VolumeBar>;
  readonly #stepSeconds: number;
  readonly #sources: CandleChartSources;
  #pending: CandleUpdate | null = null;
  #frame = 0;
  #loadingOlder = false;
  #following = true;
  /** Set by dispose: answers still on their way (older pages, gap fills, stream items) then change nothing. */
  #disposed = false;

  /** `stepSeconds`: the length of one bar of the timeframe shown. */
  constructor(container: HTMLElement, sources: CandleChartSources, stepSeconds: number) {
    this.#container = container;
    this.#sources = sources;
    this.#stepSeconds = stepSeconds;
    this.#bars = new LiveBars<VolumeBar>(stepSeconds);
    this.#chart = createChart(container, {
      autoSize: true,
      // The logo injects a <style> element, which our CSP (no inline styles) blocks; the licence's
      // attribution is given as a link under the chart instead.
      layout: { background: { color: '#0f1419' }, textColor: '#c9d1d9', attributionLogo: false },
      grid: { vertLines: { color: '#1c2430' }, horzLines: { color: '#1c2430' } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    this.#series = this.#chart.addSeries(CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', wickUpColor: '#26a69a', wickDownColor: '#ef5350', borderVisible: false });
    this.#series.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    // Volume on its own hidden scale, in the bottom fifth of the price pane.
    this.#volume = this.#chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    this.#chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.#markers = createSeriesMarkers(this.#series, []);
    this.#plots = new PlotLines(this.#chart);
    this.#levels = new PriceLevels(this.#series);
    this.#chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      this.#noteFollowing();
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
    if (this.#disposed) return;
    this.#show(this.#bars.setHistory(candles.map(toBar)));
  }

  /** Takes a live update; the chart draws the latest one on the next animation frame. */
  push(update: CandleUpdate): void {
    if (this.#disposed) return;
    this.#pending = update;
    this.#frame ||= requestAnimationFrame(() => this.#drawPending());
  }

  /** Closed bars read back from history (a gap's, or older ones). */
  merge(candles: readonly Candle[]): void {
    if (this.#disposed) return;
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

  #show(change: SeriesChange<VolumeBar>): void {
    if (change.kind === 'none') return;
    if (change.kind === 'update') {
      this.#series.update(toData(change.bar));
      this.#volume.update(toVolume(change.bar));
    } else {
      this.#series.setData(change.bars.map(toData));
      this.#volume.setData(change.bars.map(toVolume));
    }
    this.#describe();
  }

  /** The strategy's lines over history (a new subscription sends them whole). */
  setPlots(series: readonly PlotSeries[]): void {
    if (this.#disposed) return;
    this.#plots.setHistory(series);
    this.#container.dataset.plots = this.#plots.names.join('|');
    this.#container.dataset.panes = String(this.#chart.panes().length);
  }

  /** Each line's value after the bar opened at `ts` (epoch ms). */
  pushPlot(ts: number, values: readonly (number | null)[]): void {
    if (this.#disposed) return;
    this.#plots.push(ts, values);
  }

  /** The position's entry, stop-loss and take-profit. */
  setLevels(levels: readonly PriceLevel[]): void {
    if (this.#disposed) return;
    this.#levels.set(levels);
    this.#container.dataset.levels = levels.map((l) => l.title).join('|');
  }

  /** Back to the latest bar, which live bars then keep in view. */
  jumpToLatest(): void {
    if (this.#disposed) return;
    // Without animation: live bars arriving mid-animation would stop it short of the latest bar.
    this.#chart.timeScale().scrollToPosition(0, false);
  }

  #noteFollowing(): void {
    const firstVisible = this.#chart.timeScale().getVisibleRange()?.from;
    this.#container.dataset.firstVisible = firstVisible === undefined ? '' : String(firstVisible);
    const following = this.#chart.timeScale().scrollPosition() > -FOLLOW_TOLERANCE_BARS;
    if (following === this.#following) return;
    this.#following = following;
    this.#container.dataset.following = String(following);
    this.#sources.onFollowingChange(following);
  }

  /** Buy and sell markers at the bar (of the timeframe shown) of each fill. */
  setFills(fills: readonly Fill[]): void {
    if (this.#disposed) return;
    const markers: SeriesMarker<Time>[] = fills
      .map((f) => ({
        time: (Math.floor(f.tsEvent / 1000 / this.#stepSeconds) * this.#stepSeconds) as UTCTimestamp,
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
    this.#disposed = true;
    cancelAnimationFrame(this.#frame);
    this.#chart.remove();
  }
}
