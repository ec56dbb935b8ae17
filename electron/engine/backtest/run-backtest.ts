import type { StrategyParams } from '../../../shared/domain/bot.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { computeMetrics, drawdownSeries, type Metrics } from '../analytics/metrics.ts';
import { unrealizedPnl } from '../execution/position-math.ts';
import { roundQuote } from '../execution/precision.ts';
import { createStrategy, type Intent, type Strategy, type StrategyPosition } from '../strategies/strategy.ts';
import { BacktestBook, type BacktestTrade, type Refusal } from './book.ts';
import { checkCandles } from './candle-checks.ts';
import { type CandleColumns, inferBarMs } from './candle-columns.ts';
import { type BacktestOptions, resolveOptions } from './options.ts';

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

/** Called every 65,536 bars and once at the end with the bars done so far. */
export type OnProgress = (done: number, total: number) => void;
const PROGRESS_EVERY = 0xffff;

/**
 * Runs a strategy over candles with the live strategy module, the paper venue's fill rules and
 * the live position math, in memory. Fill model: the intent computed on the close of bar t fills
 * at the open of bar t+1 (plus slippage); stop-loss and take-profit are checked inside every bar
 * in a position, the entry bar included (see `intrabarExit`); an intent on the last bar is not
 * filled (there is no next open) and a position still open is reported as `openTrade`.
 * The strategy sees one candle object refilled for each bar: it reads the fields, it must not keep it.
 */
export function runBacktest(candles: CandleColumns, strategyParams: StrategyParams, options: BacktestOptions, onProgress?: OnProgress): Result<BacktestResult> {
  const strategy = createStrategy(strategyParams);
  if (!strategy) return fail('INVALID_INPUT', 'This strategy trades on TradingView alerts, not on candles: replay its alerts instead');
  return runStrategy(candles, strategy, options, onProgress);
}

/** `runBacktest` for a strategy object already built (a test's script, a replay of alerts). */
export function runStrategy(candles: CandleColumns, strategy: Strategy, options: BacktestOptions, onProgress?: OnProgress): Result<BacktestResult> {
  const resolved = resolveOptions(options);
  if (!resolved.ok) return resolved;
  const n = candles.length;
  if (n === 0) return fail('INVALID_INPUT', 'There are no candles to test on');
  const checked = checkCandles(candles);
  if (!checked.ok) return checked;
  const { ts, open, high, low, close, volume } = candles;
  const barMs = resolved.value.barMs ?? inferBarMs(ts) ?? 60_000;
  const initialCapital = resolved.value.initialCapital ?? options.qty * open[0]!;
  const book = new BacktestBook(resolved.value);
  const equity = new Float64Array(n);
  const candle: Candle = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const position: StrategyPosition = { qty: 0, avgPx: 0 };
  let pending: Intent | null = null;
  let barsInMarket = 0;

  for (let i = 0; i < n; i++) {
    if (pending !== null) {
      book.follow(pending, open[i]!, ts[i]!);
      pending = null;
    }
    const pos = book.position;
    if (pos.netQty !== 0) {
      book.checkLevels(open[i]!, high[i]!, low[i]!, ts[i]!);
      barsInMarket += 1;
    }
    // The curve is an analysis series, not the ledger: marked in plain doubles, no per-bar rounding.
    const now = book.position;
    equity[i] = initialCapital + now.realizedPnl + (now.netQty === 0 ? 0 : (close[i]! - now.avgPxOpen) * now.netQty);
    candle.ts = ts[i]!;
    candle.open = open[i]!;
    candle.high = high[i]!;
    candle.low = low[i]!;
    candle.close = close[i]!;
    candle.volume = volume[i]!;
    position.qty = now.netQty;
    position.avgPx = now.avgPxOpen;
    pending = strategy.onBar(candle, position);
    if (onProgress && (i & PROGRESS_EVERY) === PROGRESS_EVERY) onProgress(i + 1, n);
  }
  onProgress?.(n, n);

  const trades = book.trades;
  const metrics = computeMetrics({ ts, equity, initialCapital, barMs, trades, barsInMarket, buyAndHold: { firstPrice: open[0]!, lastPrice: close[n - 1]! } });
  const last = book.position;
  const openTrade: OpenTrade | null =
    last.netQty === 0
      ? null
      : {
          side: last.netQty > 0 ? 'long' : 'short',
          qty: Math.abs(last.netQty),
          entryTime: last.openedAt ?? ts[0]!,
          entryPrice: last.avgPxOpen,
          markPrice: close[n - 1]!,
          unrealizedPnl: roundQuote(unrealizedPnl(last, close[n - 1]!) - last.tripFees),
          fees: last.tripFees,
        };
  return ok({ metrics, trades, openTrade, ts, equity, drawdown: drawdownSeries(equity, initialCapital), refusals: book.refusals, refusedCount: book.refusedCount });
}
