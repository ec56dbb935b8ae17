import type { Candle } from '../../../shared/domain/candle.ts';
import { computeMetrics, drawdownSeries, type Metrics } from '../analytics/metrics.ts';
import { type PositionState, unrealizedPnl } from '../execution/position-math.ts';
import { roundQuote } from '../execution/precision.ts';
import type { Intent, Strategy, StrategyPosition } from '../strategies/strategy.ts';
import { BacktestBook, type BacktestTrade, type Refusal } from './book.ts';
import type { CandleColumns } from './candle-columns.ts';
import type { ResolvedOptions } from './options.ts';

/** The position still open after the last bar, marked to the last close. */
export interface OpenTrade {
  side: 'long' | 'short';
  qty: number;
  entryTime: number;
  entryPrice: number;
  markPrice: number;
  /** At the last close, net of the fees paid so far on this trade. */
  unrealizedPnl: number;
  fees: number;
}

export interface BacktestResult {
  metrics: Metrics;
  trades: BacktestTrade[];
  openTrade: OpenTrade | null;
  /** Per bar: its open time, the equity at its close, how far that is below the running peak (fraction). */
  ts: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  refusals: Refusal[];
  refusedCount: number;
}

/**
 * One backtest in progress over checked candles. `advance` runs the next bars, so a caller that
 * must not hold its thread (the engine) runs a slice, reports progress and lets other work in.
 * Fill model: the intent computed on the close of bar t fills at the open of bar t+1 (plus
 * slippage); stop-loss and take-profit are checked inside every bar in a position, the entry bar
 * included (see `intrabarExit`); an intent on the last bar is not filled (there is no next open)
 * and a position still open is reported as `openTrade`. The strategy sees one candle object
 * refilled for each bar: it reads the fields, it must not keep it.
 */
export class BacktestSimulation {
  readonly #candles: CandleColumns;
  readonly #strategy: Strategy;
  readonly #book: BacktestBook;
  readonly #equity: Float64Array;
  readonly #initialCapital: number;
  readonly #barMs: number;
  readonly #candle: Candle = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  readonly #position: StrategyPosition = { qty: 0, avgPx: 0 };
  #pending: Intent | null = null;
  #barsInMarket = 0;
  #next = 0;

  constructor(candles: CandleColumns, strategy: Strategy, options: ResolvedOptions, initialCapital: number, barMs: number) {
    this.#candles = candles;
    this.#strategy = strategy;
    this.#book = new BacktestBook(options);
    this.#equity = new Float64Array(candles.length);
    this.#initialCapital = initialCapital;
    this.#barMs = barMs;
  }

  get totalBars(): number {
    return this.#candles.length;
  }

  get barsDone(): number {
    return this.#next;
  }

  get done(): boolean {
    return this.#next >= this.#candles.length;
  }

  /** Runs up to `maxBars` more bars. The hot path: no allocation unless an order fills. */
  advance(maxBars: number): void {
    const { ts, open, high, low, close, volume } = this.#candles;
    const book = this.#book;
    const equity = this.#equity;
    const candle = this.#candle;
    const position = this.#position;
    const strategy = this.#strategy;
    const capital = this.#initialCapital;
    let pending = this.#pending;
    let inMarket = this.#barsInMarket;
    const end = Math.min(this.#candles.length, this.#next + maxBars);
    for (let i = this.#next; i < end; i++) {
      if (pending !== null) book.follow(pending, open[i]!, ts[i]!);
      if (book.position.netQty !== 0) {
        book.checkLevels(open[i]!, high[i]!, low[i]!, ts[i]!);
        inMarket += 1;
      }
      // The curve is an analysis series, not the ledger: marked in plain doubles, no per-bar rounding.
      const now = book.position;
      equity[i] = capital + now.realizedPnl + (now.netQty === 0 ? 0 : (close[i]! - now.avgPxOpen) * now.netQty);
      candle.ts = ts[i]!;
      candle.open = open[i]!;
      candle.high = high[i]!;
      candle.low = low[i]!;
      candle.close = close[i]!;
      candle.volume = volume[i]!;
      position.qty = now.netQty;
      position.avgPx = now.avgPxOpen;
      pending = strategy.onBar(candle, position);
    }
    this.#pending = pending;
    this.#barsInMarket = inMarket;
    this.#next = end;
  }

  /** The figures of the bars run so far (all of them once `done`). */
  result(): BacktestResult {
    const n = this.#next;
    const { ts: allTs, open, close } = this.#candles;
    const ts = n === allTs.length ? allTs : allTs.subarray(0, n);
    const equity = n === this.#equity.length ? this.#equity : this.#equity.subarray(0, n);
    const book = this.#book;
    const buyAndHold = n > 0 ? { firstPrice: open[0]!, lastPrice: close[n - 1]! } : undefined;
    const metrics = computeMetrics({ ts, equity, initialCapital: this.#initialCapital, barMs: this.#barMs, trades: book.trades, barsInMarket: this.#barsInMarket, ...(buyAndHold ? { buyAndHold } : {}) });
    const openTrade = openTradeOf(book.position, n > 0 ? close[n - 1]! : 0, ts[0]!);
    return { metrics, trades: book.trades, openTrade, ts, equity, drawdown: drawdownSeries(equity, this.#initialCapital), refusals: book.refusals, refusedCount: book.refusedCount };
  }
}

/** The position still open after the last bar, marked to `markPrice`; null when flat. */
export function openTradeOf(last: PositionState, markPrice: number, firstTs: number): OpenTrade | null {
  if (last.netQty === 0) return null;
  return {
    side: last.netQty > 0 ? 'long' : 'short',
    qty: Math.abs(last.netQty),
    entryTime: last.openedAt ?? firstTs,
    entryPrice: last.avgPxOpen,
    markPrice,
    unrealizedPnl: roundQuote(unrealizedPnl(last, markPrice) - last.tripFees),
    fees: last.tripFees,
  };
}
