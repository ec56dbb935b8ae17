import { type IPriceLine, type ISeriesApi, LineStyle } from 'lightweight-charts';

/** A horizontal level on the price pane: the position's entry, stop-loss, take-profit. */
export interface PriceLevel {
  title: string;
  price: number;
  kind: 'entry' | 'stop' | 'target';
}

const STYLE: Record<PriceLevel['kind'], { color: string; lineStyle: LineStyle }> = {
  entry: { color: '#c9d1d9', lineStyle: LineStyle.Solid },
  stop: { color: '#ef5350', lineStyle: LineStyle.Dashed },
  target: { color: '#26a69a', lineStyle: LineStyle.Dashed },
};

/** The levels drawn on a series: replaced whole whenever the positions change. */
export class PriceLevels {
  readonly #series: ISeriesApi<'Candlestick'>;
  #lines: IPriceLine[] = [];

  constructor(series: ISeriesApi<'Candlestick'>) {
    this.#series = series;
  }

  set(levels: readonly PriceLevel[]): void {
    for (const line of this.#lines) this.#series.removePriceLine(line);
    this.#lines = levels.map((level) => this.#series.createPriceLine({ price: level.price, title: level.title, lineWidth: 1, axisLabelVisible: true, ...STYLE[level.kind] }));
  }
}
