import { CandlestickSeries, createChart, createSeriesMarkers, type IChartApi, type SeriesMarker, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { Candle } from '../../shared/domain/candle.ts';
import type { Fill } from '../../shared/domain/order.ts';

/** The bar a fill happened in: the last bar opened at or before it (a marker must sit on a bar). */
export function barOf(candles: readonly Candle[], ts: number): number | null {
  let found: number | null = null;
  for (const c of candles) {
    if (c.ts > ts) break;
    found = c.ts;
  }
  return found;
}

/** Entry fills as arrows below the bar (buy) or above it (sell), exits the other way round, oldest first. */
export function tradeMarkers(candles: readonly Candle[], entries: readonly Fill[], exits: readonly Fill[]): SeriesMarker<Time>[] {
  const marker = (fill: Fill, role: 'Entry' | 'Exit'): SeriesMarker<Time> | null => {
    const bar = barOf(candles, fill.tsEvent);
    if (bar === null) return null;
    const buy = fill.side === 'BUY';
    return { time: (bar / 1000) as UTCTimestamp, position: buy ? 'belowBar' : 'aboveBar', shape: buy ? 'arrowUp' : 'arrowDown', color: role === 'Entry' ? '#7cc4ff' : '#ffb74d', text: `${role} ${fill.lastQty} @ ${fill.lastPx}` };
  };
  return [...entries.map((f) => marker(f, 'Entry')), ...exits.map((f) => marker(f, 'Exit'))]
    .filter((m): m is SeriesMarker<Time> => m !== null)
    .sort((a, b) => (a.time as number) - (b.time as number));
}

/** A small candle chart of the bars around one trade, with its entry and exit marked; created once per trade shown. */
export function drawTradeSnippet(container: HTMLElement, candles: readonly Candle[], entries: readonly Fill[], exits: readonly Fill[]): IChartApi {
  const chart = createChart(container, {
    autoSize: true,
    layout: { background: { color: '#0f1419' }, textColor: '#c9d1d9', attributionLogo: false },
    grid: { vertLines: { color: '#1c2430' }, horzLines: { color: '#1c2430' } },
    timeScale: { timeVisible: true, secondsVisible: false },
  });
  const series = chart.addSeries(CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', wickUpColor: '#26a69a', wickDownColor: '#ef5350', borderVisible: false });
  series.setData(candles.map((c) => ({ time: (c.ts / 1000) as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close })));
  createSeriesMarkers(series, tradeMarkers(candles, entries, exits));
  chart.timeScale().fitContent();
  return chart;
}
