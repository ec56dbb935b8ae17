import type { Metrics } from '../engine/analytics/metrics.ts';
import type { BacktestResult } from '../engine/backtest/run-backtest.ts';
import { formatAmount } from '../engine/execution/precision.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** The `--json` object: metrics, closed trades (times in ISO-8601 UTC, pnl net of fees) and the trade still open. */
export function backtestJson(result: BacktestResult) {
  return {
    metrics: result.metrics,
    trades: result.trades.map((trade) => ({
      entryTime: iso(trade.entryTime),
      exitTime: iso(trade.exitTime),
      entryPrice: trade.entryPrice,
      exitPrice: trade.exitPrice,
      qty: trade.qty,
      side: trade.side,
      pnl: trade.pnl,
    })),
    openTrade: result.openTrade && { ...result.openTrade, entryTime: iso(result.openTrade.entryTime) },
  };
}

export const money = (value: number) => formatAmount(value, 8, 2);
const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(2)} %`);
const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
const days = (ms: number) => `${(ms / 86_400_000).toFixed(1)} days`;

export function metricLines(m: Metrics): string[] {
  return [
    `Bars                ${m.bars}`,
    `Initial capital     ${money(m.initialCapital)}`,
    `Final equity        ${money(m.finalEquity)}`,
    `Net profit          ${money(m.netProfit)} (${percent(m.netReturn)})`,
    `CAGR                ${percent(m.cagr)}`,
    `Buy and hold        ${percent(m.buyAndHoldReturn)}`,
    `Trades              ${m.trades} (${m.wins} won, ${m.losses} lost; win rate ${percent(m.winRate)})`,
    `Profit factor       ${ratio(m.profitFactor)}`,
    `Average win / loss  ${m.avgWin === null ? 'n/a' : money(m.avgWin)} / ${m.avgLoss === null ? 'n/a' : money(m.avgLoss)}`,
    `Expectancy          ${m.expectancy === null ? 'n/a' : money(m.expectancy)} per trade`,
    `Sharpe / Sortino    ${ratio(m.sharpe)} / ${ratio(m.sortino)} (per-bar returns, risk-free 0, annualised)`,
    `Max drawdown        ${money(m.maxDrawdown)} (${percent(m.maxDrawdownPct)}); longest ${m.maxDrawdownBars} bars, ${days(m.maxDrawdownMs)}`,
    `Exposure            ${percent(m.exposure)} of bars in a position`,
  ];
}

/** The plain-text report: the figures, the last trades, the open trade and any refused orders. */
export function backtestText(result: BacktestResult, shownTrades = 20): string {
  const lines = metricLines(result.metrics);
  const shown = result.trades.slice(-shownTrades);
  if (shown.length > 0) {
    lines.push('', result.trades.length > shown.length ? `Last ${shown.length} of ${result.trades.length} trades:` : 'Trades:');
    for (const t of shown) lines.push(`  ${t.side.padEnd(5)} ${t.qty} from ${iso(t.entryTime)} at ${t.entryPrice} to ${iso(t.exitTime)} at ${t.exitPrice} (${t.exitReason}): ${money(t.pnl)}`);
  }
  const open = result.openTrade;
  if (open) lines.push('', `Still open: ${open.side} ${open.qty} since ${iso(open.entryTime)} at ${open.entryPrice}, marked at ${open.markPrice}: ${money(open.unrealizedPnl)}`);
  if (result.refusedCount > 0) lines.push('', `${result.refusedCount} orders were refused by the venue rules; the first: ${result.refusals[0]?.reason ?? ''}`);
  return lines.join('\n');
}
