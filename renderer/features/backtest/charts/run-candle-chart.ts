import { CandlestickSeries, createSeriesMarkers, type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type SeriesMarker, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { BacktestRun } from '../../../../shared/contract/backtest.ts';
import type { Candle } from '../../../../shared/domain/candle.ts';
import { barAt } from '../chart-points.ts';
import { themedChart } from './chart-theme.ts';

type Trades = Pick<BacktestRun, 'trades' | 'openTrade'>;

const UP = '#26a69a';
const DOWN = '#ef5350';

/** Bars with strictly rising whole-second times: lightweight-charts refuses anything else. */
function bars(candles: readonly Candle[]) {
  const out: { time: UTCTimestamp; open: number; high: number; low: number; close: number }[] = [];
  for (const c of candles) {
    const time = Math.floor(c.ts / 1000) as UTCTimestamp;
    if (![c.open, c.high, c.low, c.close].every(Number.isFinite) || (out.length > 0 && time <= out.at(-1)!.time)) continue;
    out.push({ time, open: c.open, high: c.high, low: c.low, close: c.close });
  }
  return out;
}

/** The candles of a run's range with an arrow at each entry and exit, on the bar it happened in. */
export function tradeMarkers(barTimes: readonly number[], { trades, openTrade }: Trades): SeriesMarker<Time>[] {
  const markers: SeriesMarker<Time>[] = [];
  const add = (ms: number, buy: boolean, text: string) => {
    const time = barAt(barTimes, ms);
    if (time !== null) markers.push({ time: time as UTCTimestamp, position: buy ? 'belowBar' : 'aboveBar', color: buy ? UP : DOWN, shape: buy ? 'arrowUp' : 'arrowDown', text });
  };
  for (const t of trades) {
    add(t.entryTime, t.side === 'long', t.side === 'long' ? 'Buy' : 'Sell short');
    add(t.exitTime, t.side === 'short', t.exitReason === 'stop_loss' ? 'Stop' : t.exitReason === 'take_profit' ? 'Target' : 'Exit');
  }
  if (openTrade) add(openTrade.entryTime, openTrade.side === 'long', openTrade.side === 'long' ? 'Buy (open)' : 'Sell short (open)');
  // Markers must be in time order; a stable sort keeps an exit before the next entry on the same bar.
  return markers.sort((a, b) => (a.time as number) - (b.time as number));
}

export class RunCandleChart {
  readonly #chart: IChartApi;
  readonly #series: ISeriesApi<'Candlestick', Time>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  readonly #container: HTMLElement;

  constructor(container: HTMLElement) {
    this.#container = container;
    this.#chart = themedChart(container, true);
    this.#series = this.#chart.addSeries(CandlestickSeries, { upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false });
    this.#markers = createSeriesMarkers(this.#series, []);
  }

  show(candles: readonly Candle[], trades: Trades): void {
    const data = bars(candles);
    this.#series.setData(data);
    const markers = tradeMarkers(data.map((b) => b.time), trades);
    this.#markers.setMarkers(markers);
    this.#chart.timeScale().fitContent();
    this.#container.dataset.bars = String(data.length);
    this.#container.dataset.markers = String(markers.length);
  }

  dispose(): void {
    this.#chart.remove();
  }
}
