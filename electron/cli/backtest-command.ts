import { fail, ok, type Result } from '../../shared/errors.ts';
import { toColumns } from '../engine/backtest/candle-columns.ts';
import type { BacktestOptions } from '../engine/backtest/options.ts';
import { runBacktest } from '../engine/backtest/run-backtest.ts';
import { SIMULATED_INSTRUMENTS } from '../engine/market/instruments.ts';
import { DEFAULT_PAPER_OPTIONS } from '../engine/venues/paper/paper-venue.ts';
import { type BacktestCommand, parseBacktestArgs } from './backtest-args.ts';
import { backtestJson, backtestText } from './backtest-report.ts';
import { loadCandles, type LoadedCandles } from './load-candles.ts';
import { pairBacktestCommand } from './pair-backtest-command.ts';

/**
 * A CSV carries no instrument rules, so nothing is charged or rounded unless asked; stored candles
 * are traded as the paper venue would trade them (its fee, slippage and the symbol's rules).
 */
function optionsFor(command: BacktestCommand, loaded: LoadedCandles): BacktestOptions {
  const fromStore = command.source.kind === 'store';
  const symbol = command.source.kind === 'store' ? command.source.symbol : null;
  const known = fromStore ? SIMULATED_INSTRUMENTS.find((instrument) => instrument.symbol === symbol) : undefined;
  const [base, quote] = symbol?.split('/') ?? [];
  const feeBps = command.feeBps ?? (fromStore ? DEFAULT_PAPER_OPTIONS.takerFee * 10_000 : 0);
  return {
    qty: command.qty,
    feeRate: feeBps / 10_000,
    slippageBps: command.slippageBps ?? (fromStore ? DEFAULT_PAPER_OPTIONS.slippageBps : 0),
    rules: {
      ...((command.tick ?? known?.tickSize) !== undefined ? { tickSize: command.tick ?? known?.tickSize } : {}),
      ...((command.step ?? known?.stepSize) !== undefined ? { stepSize: command.step ?? known?.stepSize } : {}),
      ...((command.minNotional ?? known?.minNotional) !== undefined ? { minNotional: command.minNotional ?? known?.minNotional } : {}),
      ...(base ? { base } : {}),
      ...(quote ? { quote } : {}),
    },
    ...(command.capital !== undefined ? { initialCapital: command.capital } : {}),
    ...(loaded.barMs !== null ? { barMs: loaded.barMs } : {}),
  };
}

/** `backtest ...`: the report to print, or what was wrong (exit code 2). */
export async function backtestCommand(argv: readonly string[]): Promise<Result<string>> {
  const command = parseBacktestArgs(argv);
  if (!command.ok) return command;
  const loaded = await loadCandles(command.value.source);
  if (!loaded.ok) return loaded;
  if (command.value.csvB !== null) return pairBacktestCommand(command.value, command.value.csvB, loaded.value.candles, optionsFor(command.value, loaded.value));
  const result = runBacktest(toColumns(loaded.value.candles), command.value.strategy, optionsFor(command.value, loaded.value));
  if (!result.ok) return fail('INVALID_INPUT', result.error.message);
  return ok(command.value.json ? JSON.stringify(backtestJson(result.value)) : backtestText(result.value));
}
