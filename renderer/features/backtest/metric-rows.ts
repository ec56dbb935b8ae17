import type { BacktestMetrics } from '../../../shared/contract/backtest.ts';
import { formatMoney } from '../../format.ts';

export interface MetricRow {
  label: string;
  /** The figure with its unit, as the trader reads it. */
  text: (m: BacktestMetrics, quote: string) => string;
  /** What it means, in one line (shown as the row's title). */
  hint: string;
}

const DASH = '—';
const finite = (value: number | null): value is number => value !== null && Number.isFinite(value);
const percent = (value: number | null, digits = 2) => (finite(value) ? `${(value * 100).toFixed(digits)} %` : DASH);
const ratio = (value: number | null) => (finite(value) ? value.toFixed(2) : DASH);
const count = (value: number) => value.toLocaleString('en-US');

const UNITS: [number, string][] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
];

/** A duration in its two largest units: "3 d 4 h", "45 min"; under a minute reads "under 1 min". */
export function duration(ms: number): string {
  if (!(ms >= 60_000)) return ms > 0 ? 'under 1 min' : '0 min';
  const parts: string[] = [];
  let rest = ms;
  for (const [size, unit] of UNITS) {
    const whole = Math.floor(rest / size);
    if (whole > 0 || parts.length > 0) parts.push(`${whole.toLocaleString('en-US')} ${unit}`);
    rest -= whole * size;
    if (parts.length === 2) break;
  }
  return parts.filter((p) => !p.startsWith('0 ')).join(' ');
}

/** The quote currency of a symbol (USDT of BTC/USDT); none for an index like SPX, whose figures are in its points. */
export const quoteOf = (symbol: string): string => symbol.split('/')[1] ?? '';

/** Every figure the backtester computes, in the order a trader reads a report. */
export const METRIC_ROWS: readonly MetricRow[] = [
  { label: 'Initial capital', text: (m, q) => formatMoney(m.initialCapital, q), hint: 'Money at the start; by default one order’s cost at the first bar’s open' },
  { label: 'Final equity', text: (m, q) => formatMoney(m.finalEquity, q), hint: 'Cash plus any open position marked to the last close' },
  { label: 'Net profit', text: (m, q) => formatMoney(m.netProfit, q), hint: 'Final equity minus initial capital, after fees and slippage' },
  { label: 'Net return', text: (m) => percent(m.netReturn), hint: 'Net profit as a share of the initial capital' },
  { label: 'CAGR', text: (m) => (finite(m.cagr) ? `${percent(m.cagr)} a year` : DASH), hint: 'Compound yearly growth over the calendar span, extrapolated when the span is under a year; none under a day' },
  { label: 'Buy and hold return', text: (m) => percent(m.buyAndHoldReturn), hint: 'Last close over first open, minus one: holding the asset through the range' },
  { label: 'Trades', text: (m) => count(m.trades), hint: 'Closed round trips' },
  { label: 'Wins / losses', text: (m) => `${count(m.wins)} / ${count(m.losses)}`, hint: 'Trades that made / lost money net of fees' },
  { label: 'Win rate', text: (m) => percent(m.winRate, 1), hint: 'Winning trades as a share of all closed trades' },
  { label: 'Profit factor', text: (m) => ratio(m.profitFactor), hint: 'Gross profit of winners over gross loss of losers; none without a loss' },
  { label: 'Average win', text: (m, q) => formatMoney(m.avgWin, q), hint: 'Mean profit of a winning trade' },
  { label: 'Average loss', text: (m, q) => formatMoney(m.avgLoss, q), hint: 'Mean loss of a losing trade' },
  { label: 'Expectancy', text: (m, q) => (finite(m.expectancy) ? `${formatMoney(m.expectancy, q)} per trade` : DASH), hint: 'Mean profit per closed trade' },
  { label: 'Sharpe ratio', text: (m) => ratio(m.sharpe), hint: 'Annualised; see the convention under the table' },
  { label: 'Sortino ratio', text: (m) => ratio(m.sortino), hint: 'Annualised; see the convention under the table' },
  { label: 'Max drawdown', text: (m, q) => `${formatMoney(m.maxDrawdown, q)} (${percent(m.maxDrawdownPct)})`, hint: 'Deepest fall of equity below an earlier peak' },
  { label: 'Longest drawdown', text: (m) => `${count(m.maxDrawdownBars)} bars (${duration(m.maxDrawdownMs)})`, hint: 'Longest stretch below an earlier peak' },
  { label: 'Exposure', text: (m) => (finite(m.exposure) ? `${percent(m.exposure, 1)} of bars` : DASH), hint: 'Share of bars with a position held' },
  { label: 'Bars', text: (m) => count(m.bars), hint: 'Candles the strategy saw' },
];

export const SHARPE_CONVENTION =
  'Sharpe and Sortino use the simple return of the equity from each bar to the next, a risk-free rate of 0, and are annualised by √(bars per year) with 365.25-day years (a 1d series counts 365.25 bars a year, a 1m series 525,960). Sharpe divides the mean return by its sample standard deviation; Sortino by the root mean square of the losing bars’ returns over all bars.';
