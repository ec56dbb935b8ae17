import { fail, ok, type Result } from '../../shared/errors.ts';
import { toColumns } from '../engine/backtest/candle-columns.ts';
import { type PairBacktestResult, runPairBacktest } from '../engine/backtest/pair-backtest.ts';
import type { BacktestCommand } from './backtest-args.ts';
import type { BacktestOptions } from '../engine/backtest/options.ts';
import type { Candle } from '../../shared/domain/candle.ts';
import { metricLines, money } from './backtest-report.ts';
import { loadCandles } from './load-candles.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** The `--json` object of a pair run: metrics, round trips with both legs, the legs still open. */
function pairJson(result: PairBacktestResult) {
  return {
    metrics: result.metrics,
    trades: result.trades.map((t) => ({ entryTime: iso(t.entryTime), exitTime: iso(t.exitTime), pnl: t.pnl, fees: t.fees, legs: t.legs.map((l) => ({ leg: l.leg, side: l.side, qty: l.qty, entryPrice: l.entryPrice, exitPrice: l.exitPrice, pnl: l.pnl })) })),
    openLegs: result.openLegs,
    unmatchedBars: result.unmatchedBars,
  };
}

function pairText(result: PairBacktestResult, shownTrades = 20): string {
  const lines = metricLines(result.metrics);
  if (result.unmatchedBars > 0) lines.push('', `${result.unmatchedBars} bars only one venue had were left out (nothing to compare them with).`);
  const shown = result.trades.slice(-shownTrades);
  if (shown.length > 0) lines.push('', result.trades.length > shown.length ? `Last ${shown.length} of ${result.trades.length} round trips:` : 'Round trips:');
  for (const t of shown) {
    const legs = t.legs.map((l) => `${l.leg.toUpperCase()} ${l.side} ${l.qty} ${l.entryPrice} → ${l.exitPrice}`).join(', ');
    lines.push(`  ${iso(t.entryTime)} to ${iso(t.exitTime)}: ${legs}; ${money(t.pnl)} after ${money(t.fees)} fees`);
  }
  for (const leg of ['a', 'b'] as const) {
    const open = result.openLegs[leg];
    if (open) lines.push(`Leg ${leg.toUpperCase()} still open: ${open.side} ${open.qty} at ${open.entryPrice}, marked at ${open.markPrice}: ${money(open.unrealizedPnl)}`);
  }
  if (result.refusedCount > 0) lines.push('', `${result.refusedCount} orders were refused by the venue rules; the first: ${result.refusals[0]?.reason ?? ''}`);
  return lines.join('\n');
}

/** `backtest --strategy arbitrage --csv A --csv-b B`: venue B's file read, bars paired by time, one fee for both venues. */
export async function pairBacktestCommand(command: BacktestCommand, csvB: string, candlesA: readonly Candle[], optionsA: BacktestOptions): Promise<Result<string>> {
  const loadedB = await loadCandles({ kind: 'csv', file: csvB });
  if (!loadedB.ok) return loadedB;
  const { feeRate, stopLossPct: _stop, takeProfitPct: _target, ...options } = optionsA;
  const result = runPairBacktest(toColumns(candlesA), toColumns(loadedB.value.candles), command.strategy, { ...options, feeRateA: feeRate ?? 0, feeRateB: feeRate ?? 0 });
  if (!result.ok) return fail('INVALID_INPUT', result.error.message);
  return ok(command.json ? JSON.stringify(pairJson(result.value)) : pairText(result.value));
}
