import type { Candle } from '../../../shared/domain/candle.ts';
import type { StrategyParams } from '../../../shared/domain/strategy-params.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { computeMetrics, drawdownSeries, type Metrics } from '../analytics/metrics.ts';
import { roundQuote } from '../execution/precision.ts';
import { createPairStrategy, type PairIntent, type PairPositions, type PairStrategy } from '../strategies/arbitrage.ts';
import { BacktestBook, type BacktestTrade, type Refusal } from './book.ts';
import { checkCandles } from './candle-checks.ts';
import { type CandleColumns, inferBarMs } from './candle-columns.ts';
import { type BacktestOptions, resolveOptions } from './options.ts';
import { alignByTime } from './pair-align.ts';
import { type OpenTrade, openTradeOf } from './simulation.ts';

/** A pair backtest trades like one: `feeRateA`/`feeRateB` are each venue's fee per fill. */
export type PairBacktestOptions = Omit<BacktestOptions, 'feeRate' | 'stopLossPct' | 'takeProfitPct'> & { feeRateA?: number; feeRateB?: number };

/** A round trip of both legs: the legs that closed on one bar, their P&L summed (net of all fees). */
export interface PairTrade {
  entryTime: number;
  exitTime: number;
  pnl: number;
  fees: number;
  legs: (BacktestTrade & { leg: 'a' | 'b' })[];
}

export interface PairBacktestResult {
  metrics: Metrics;
  trades: PairTrade[];
  openLegs: { a: OpenTrade | null; b: OpenTrade | null };
  ts: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  refusals: Refusal[];
  refusedCount: number;
  /** Bars only one of the two series had: left out, since they cannot be compared. */
  unmatchedBars: number;
}

const blankCandle = (): Candle => ({ ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 });
const fill = (candle: Candle, c: CandleColumns, i: number) => {
  candle.ts = c.ts[i]!;
  candle.open = c.open[i]!;
  candle.high = c.high[i]!;
  candle.low = c.low[i]!;
  candle.close = c.close[i]!;
  candle.volume = c.volume[i]!;
};

/** Legs that closed on the same bar make one round trip; its P&L is what the arbitrage made. */
function pairTrades(a: readonly BacktestTrade[], b: readonly BacktestTrade[]): PairTrade[] {
  const byExit = new Map<number, PairTrade>();
  const legs = [...a.map((t) => ({ ...t, leg: 'a' as const })), ...b.map((t) => ({ ...t, leg: 'b' as const }))];
  for (const leg of legs) {
    const trade = byExit.get(leg.exitTime) ?? { entryTime: leg.entryTime, exitTime: leg.exitTime, pnl: 0, fees: 0, legs: [] };
    trade.entryTime = Math.min(trade.entryTime, leg.entryTime);
    trade.pnl = roundQuote(trade.pnl + leg.pnl);
    trade.fees = roundQuote(trade.fees + leg.fees);
    trade.legs.push(leg);
    byExit.set(leg.exitTime, trade);
  }
  return [...byExit.values()].sort((x, y) => x.exitTime - y.exitTime);
}

/**
 * Runs a pair strategy over two series of one symbol (venue A, venue B), aligned by bar time, with
 * one `BacktestBook` per venue: the same fills, fees and position math as every backtest and the
 * paper venue. Both legs' intents from the close of bar t fill at the opens of bar t+1.
 */
export function runPairBacktest(seriesA: CandleColumns, seriesB: CandleColumns, params: StrategyParams, options: PairBacktestOptions): Result<PairBacktestResult> {
  const strategy = createPairStrategy(params);
  if (!strategy) return fail('INVALID_INPUT', 'A pair backtest runs a two-venue strategy (arbitrage); this one trades a single series');
  return runPairStrategy(seriesA, seriesB, strategy, options);
}

export function runPairStrategy(seriesA: CandleColumns, seriesB: CandleColumns, strategy: PairStrategy, options: PairBacktestOptions): Result<PairBacktestResult> {
  const { feeRateA, feeRateB, ...common } = options;
  const optionsA = resolveOptions({ ...common, feeRate: feeRateA ?? 0 });
  if (!optionsA.ok) return optionsA;
  const optionsB = resolveOptions({ ...common, feeRate: feeRateB ?? 0 });
  if (!optionsB.ok) return optionsB;
  for (const [name, series] of [['A', seriesA], ['B', seriesB]] as const) {
    const checked = checkCandles(series);
    if (!checked.ok) return fail('INVALID_INPUT', `Venue ${name}: ${checked.error.message}`);
  }
  const { a, b, dropped } = alignByTime(seriesA, seriesB);
  if (a.length === 0) return fail('INVALID_INPUT', `The two series have no bar time in common (${seriesA.length} and ${seriesB.length} bars): nothing to compare`);
  const capital = optionsA.value.initialCapital ?? options.qty * (a.open[0]! + b.open[0]!);
  const bookA = new BacktestBook(optionsA.value);
  const bookB = new BacktestBook(optionsB.value);
  const equity = new Float64Array(a.length);
  const candleA = blankCandle();
  const candleB = blankCandle();
  const positions: PairPositions = { a: { qty: 0, avgPx: 0 }, b: { qty: 0, avgPx: 0 } };
  let pending: PairIntent | null = null;
  let inMarket = 0;
  for (let i = 0; i < a.length; i++) {
    const ts = a.ts[i]!;
    if (pending !== null) {
      bookA.follow(pending.a, a.open[i]!, ts);
      bookB.follow(pending.b, b.open[i]!, ts);
    }
    const pa = bookA.position;
    const pb = bookB.position;
    if (pa.netQty !== 0 || pb.netQty !== 0) inMarket += 1;
    const open = (p: typeof pa, close: number) => (p.netQty === 0 ? 0 : (close - p.avgPxOpen) * p.netQty);
    equity[i] = capital + pa.realizedPnl + pb.realizedPnl + open(pa, a.close[i]!) + open(pb, b.close[i]!);
    fill(candleA, a, i);
    fill(candleB, b, i);
    positions.a.qty = pa.netQty;
    positions.a.avgPx = pa.avgPxOpen;
    positions.b.qty = pb.netQty;
    positions.b.avgPx = pb.avgPxOpen;
    pending = strategy.onBars(candleA, candleB, positions);
  }
  const n = a.length;
  const trades = pairTrades(bookA.trades, bookB.trades);
  const barMs = options.barMs ?? inferBarMs(a.ts) ?? 60_000;
  const metrics = computeMetrics({ ts: a.ts, equity, initialCapital: capital, barMs, trades, barsInMarket: inMarket });
  const refusals = [...bookA.refusals.map((r) => ({ ...r, reason: `Venue A: ${r.reason}` })), ...bookB.refusals.map((r) => ({ ...r, reason: `Venue B: ${r.reason}` }))].sort((x, y) => x.ts - y.ts);
  return ok({
    metrics,
    trades,
    openLegs: { a: openTradeOf(bookA.position, a.close[n - 1]!, a.ts[0]!), b: openTradeOf(bookB.position, b.close[n - 1]!, b.ts[0]!) },
    ts: a.ts,
    equity,
    drawdown: drawdownSeries(equity, capital),
    refusals,
    refusedCount: bookA.refusedCount + bookB.refusedCount,
    unmatchedBars: dropped,
  });
}
