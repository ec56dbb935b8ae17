import { roundQuote } from '../execution/precision.ts';
import { summariseDrawdowns, type DrawdownSummary } from './drawdown.ts';
import { riskAdjusted, type RiskAdjusted, YEAR_MS } from './returns.ts';
import { statsFromSums, tradeStats, type TradePnl, type TradeStats, type TradeSums } from './trade-stats.ts';

export { drawdownSeries } from './drawdown.ts';
export type { TradePnl, TradeSums } from './trade-stats.ts';

/**
 * One equity series (a value after each bar) and the closed trades of the same run: what a
 * backtest produces and what the live dashboard reads from the equity recorder and the trades table.
 */
export interface MetricsInput {
  /** Each point's time (epoch ms), ascending. */
  ts: ArrayLike<number>;
  /** Account value at each point, open positions marked to the price then (quote currency). */
  equity: ArrayLike<number>;
  /** The value before the first point: what returns and drawdowns are measured from. */
  initialCapital: number;
  /** The duration of one step of the series (the timeframe): sets bars per year. */
  barMs: number;
  /** The closed trades, or their sums when a ledger too large to list is summed in SQL (the analytics dashboard). */
  trades: readonly TradePnl[] | TradeSums;
  /** Points at which a position was held; exposure is null without it. */
  barsInMarket?: number;
  /** The first and last price of the market, for the buy-and-hold comparison; null without it. */
  buyAndHold?: { firstPrice: number; lastPrice: number };
}

export interface Metrics extends TradeStats, RiskAdjusted, DrawdownSummary {
  initialCapital: number;
  finalEquity: number;
  /** Final equity minus the initial capital, open position marked to the last price (quote currency). */
  netProfit: number;
  /** netProfit / initialCapital (0.12 is 12 %). */
  netReturn: number;
  /** Compound yearly growth over the calendar span of the series (first point to last plus one bar); null for an empty series or a span under a day. */
  cagr: number | null;
  /** Share of points at which a position was held. */
  exposure: number | null;
  /** lastPrice / firstPrice - 1: the return of holding the asset through the whole series. */
  buyAndHoldReturn: number | null;
  bars: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function cagr(ts: ArrayLike<number>, finalEquity: number, initialCapital: number, barMs: number): number | null {
  if (ts.length === 0 || !(initialCapital > 0)) return null;
  const spanMs = ts[ts.length - 1]! - ts[0]! + barMs;
  if (!(spanMs >= DAY_MS)) return null;
  if (finalEquity <= 0) return -1;
  return (finalEquity / initialCapital) ** (YEAR_MS / spanMs) - 1;
}

const isSums = (trades: MetricsInput['trades']): trades is TradeSums => !Array.isArray(trades);

/** Money figures at the quote currency's precision, like the ledger's: no float noise in a report. */
const money = (value: number | null) => (value === null ? null : roundQuote(value));

/** Every figure of a run, pure: the same numbers in the CLI, the Backtest page and the dashboard. */
export function computeMetrics(input: MetricsInput): Metrics {
  const { ts, equity, initialCapital, barMs } = input;
  if (ts.length !== equity.length) throw new RangeError(`Metrics need one time per equity point; got ${ts.length} times for ${equity.length} points`);
  const bars = equity.length;
  const finalEquity = bars > 0 ? equity[bars - 1]! : initialCapital;
  const netProfit = finalEquity - initialCapital;
  const hold = input.buyAndHold;
  const trades = isSums(input.trades) ? statsFromSums(input.trades) : tradeStats(input.trades);
  const drawdowns = summariseDrawdowns(ts, equity, initialCapital, barMs);
  return {
    initialCapital,
    finalEquity: roundQuote(finalEquity),
    netProfit: roundQuote(netProfit),
    netReturn: initialCapital > 0 ? netProfit / initialCapital : 0,
    cagr: cagr(ts, finalEquity, initialCapital, barMs),
    ...trades,
    avgWin: money(trades.avgWin),
    avgLoss: money(trades.avgLoss),
    expectancy: money(trades.expectancy),
    ...riskAdjusted(equity, initialCapital, barMs),
    ...drawdowns,
    maxDrawdown: roundQuote(drawdowns.maxDrawdown),
    exposure: input.barsInMarket === undefined || bars === 0 ? null : input.barsInMarket / bars,
    buyAndHoldReturn: hold && hold.firstPrice > 0 ? hold.lastPrice / hold.firstPrice - 1 : null,
    bars,
  };
}
