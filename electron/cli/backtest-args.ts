import { parseArgs } from 'node:util';
import { type StrategyParams, StrategySchema } from '../../shared/domain/bot.ts';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { createStrategy } from '../engine/strategies/strategy.ts';
import { parseDateBound } from './dates.ts';
import { timeframeMs } from '../engine/backtest/timeframe.ts';

export const BACKTEST_USAGE = `Usage: npm run cli -- backtest (--csv FILE | --symbol S --timeframe T --from DATE --to DATE) --strategy NAME [options]
  --csv FILE            candles from a CSV file (header timestamp,open,high,low,close,volume; ISO or epoch times)
  --symbol S            candles from the app's candle store (with --timeframe, --from, --to; --venue if two venues hold S)
  --timeframe T         bar length: 1m, 5m, 15m, 1h, 4h, 1d ...
  --from DATE --to DATE range in UTC: 2024-01-01 or 2024-01-01T12:00; a --to date alone includes that day
  --data DIR            the app's data folder (default ~/.stoxrobot)
  --csv-b FILE          with --strategy arbitrage: the same symbol's candles on venue B (--csv is venue A);
                        bars are paired by time, --fee-bps and --slippage-bps apply on both venues
  --strategy NAME       ma_crossover
  --param k=v           a strategy parameter, repeatable (ma_crossover: fast=9 slow=21 by default)
  --qty N               order size in the base asset (default 1)
  --fee-bps N           fee per fill in basis points of its value (10 = 0.1 %)
  --slippage-bps N      adverse price move on every fill, in basis points
  --tick N --step N --min-notional N   the venue's price tick, quantity step and minimum order value
  --capital N           starting money in the quote currency (default: qty x the first open)
  --json                print one JSON object: metrics, trades, openTrade
With --csv there is no fee, slippage or rounding unless given; with --symbol the paper venue's fee,
slippage and the symbol's rules apply unless given.`;

export type CandleSource = { kind: 'csv'; file: string } | { kind: 'store'; symbol: string; venue: string | null; timeframe: string; barMs: number; from: number; to: number; dataDir: string | null };

export interface BacktestCommand {
  source: CandleSource;
  /** Venue B's CSV, for a two-venue strategy (arbitrage); null for every other strategy. */
  csvB: string | null;
  strategy: StrategyParams;
  qty: number;
  feeBps: number | undefined;
  slippageBps: number | undefined;
  tick: number | undefined;
  step: number | undefined;
  minNotional: number | undefined;
  capital: number | undefined;
  json: boolean;
}

/** What a strategy gets when the command line leaves a parameter out: the bot form's defaults. */
const STRATEGY_DEFAULTS: Record<string, Record<string, unknown>> = { ma_crossover: { fast: 9, slow: 21 } };

const STRING_OPTIONS = ['csv', 'csv-b', 'symbol', 'venue', 'timeframe', 'from', 'to', 'data', 'strategy', 'qty', 'fee-bps', 'slippage-bps', 'tick', 'step', 'min-notional', 'capital'] as const;

const usage = (message: string): Result<never> => fail('INVALID_INPUT', `${message}\n\n${BACKTEST_USAGE}`);

function numberOption(name: string, text: string | undefined, allowZero: boolean): Result<number | undefined> {
  if (text === undefined) return ok(undefined);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    return usage(`--${name} must be a ${allowZero ? 'number of zero or more' : 'positive number'}, got '${text}'`);
  }
  return ok(value);
}

function strategyParams(name: string | undefined, pairs: readonly string[]): Result<StrategyParams> {
  if (name === undefined) return usage('Say which strategy to test with --strategy NAME');
  const params: Record<string, unknown> = { ...STRATEGY_DEFAULTS[name], kind: name };
  for (const pair of pairs) {
    const [key, ...rest] = pair.split('=');
    const text = rest.join('=');
    if (!key || rest.length === 0 || key === 'kind') return usage(`--param takes key=value (like fast=10), got '${pair}'`);
    params[key] = text !== '' && Number.isFinite(Number(text)) ? Number(text) : text === 'true' ? true : text === 'false' ? false : text;
  }
  const parsed = StrategySchema.safeParse(params);
  // Checked before any file is read: a bot driven by alerts has no candle strategy to run.
  if (parsed.success && parsed.data.kind === 'tradingview' && createStrategy(parsed.data) === null) return usage(`The strategy '${name}' trades on TradingView alerts, not on candles`);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return usage(`The strategy '${name}' cannot run with these parameters: ${problems.join('; ')}`);
}

function candleSource(values: Partial<Record<(typeof STRING_OPTIONS)[number], string>>): Result<CandleSource> {
  if (values.csv !== undefined) {
    if (values.symbol !== undefined) return usage('Give either --csv or --symbol, not both');
    return ok({ kind: 'csv', file: values.csv });
  }
  if (values.symbol === undefined) return usage('Say where the candles come from: --csv FILE, or --symbol with --timeframe, --from and --to');
  const { timeframe, from, to } = values;
  if (timeframe === undefined || from === undefined || to === undefined) return usage('--symbol needs --timeframe, --from and --to');
  const barMs = timeframeMs(timeframe);
  if (barMs === null) return usage(`--timeframe must be a number and a unit (1m, 4h, 1d), got '${timeframe}'`);
  const fromMs = parseDateBound(from, 'from');
  const toMs = parseDateBound(to, 'to');
  if (fromMs === null) return usage(`--from must be a date like 2024-01-01 or 2024-01-01T12:00, got '${from}'`);
  if (toMs === null) return usage(`--to must be a date like 2024-12-31 or 2024-12-31T23:59, got '${to}'`);
  if (toMs <= fromMs) return usage(`--to (${to}) must be after --from (${from})`);
  return ok({ kind: 'store', symbol: values.symbol, venue: values.venue ?? null, timeframe, barMs, from: fromMs, to: toMs, dataDir: values.data ?? null });
}

/** Reads `backtest`'s arguments; every wrong or missing one is a message with the usage, never a silent default. */
export function parseBacktestArgs(argv: readonly string[]): Result<BacktestCommand> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...Object.fromEntries(STRING_OPTIONS.map((name) => [name, { type: 'string' as const }])), param: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Partial<Record<(typeof STRING_OPTIONS)[number], string>> & { param?: string[]; json?: boolean };
  const source = candleSource(values);
  if (!source.ok) return source;
  const strategy = strategyParams(values.strategy, values.param ?? []);
  if (!strategy.ok) return strategy;
  const csvB = values['csv-b'] ?? null;
  const pair = strategy.value.kind === 'arbitrage';
  if (pair && (csvB === null || source.value.kind !== 'csv')) return usage('The arbitrage strategy compares two venues: give --csv FILE for venue A and --csv-b FILE for venue B');
  if (!pair && csvB !== null) return usage(`--csv-b is for a two-venue strategy (arbitrage); '${strategy.value.kind}' trades one series`);
  const numbers = {
    qty: numberOption('qty', values.qty, false),
    feeBps: numberOption('fee-bps', values['fee-bps'], true),
    slippageBps: numberOption('slippage-bps', values['slippage-bps'], true),
    tick: numberOption('tick', values.tick, false),
    step: numberOption('step', values.step, false),
    minNotional: numberOption('min-notional', values['min-notional'], true),
    capital: numberOption('capital', values.capital, false),
  };
  for (const result of Object.values(numbers)) if (!result.ok) return result;
  const value = (result: Result<number | undefined>) => (result.ok ? result.value : undefined);
  return ok({
    source: source.value,
    csvB,
    strategy: strategy.value,
    qty: value(numbers.qty) ?? 1,
    feeBps: value(numbers.feeBps),
    slippageBps: value(numbers.slippageBps),
    tick: value(numbers.tick),
    step: value(numbers.step),
    minNotional: value(numbers.minNotional),
    capital: value(numbers.capital),
    json: values.json ?? false,
  });
}
