import type { Instrument } from '../../../shared/domain/instrument.ts';
import { fail, type FieldIssue, ok, type Result } from '../../../shared/errors.ts';

/** How a backtest trades; prices and quantities in the instrument's quote and base currencies. */
export interface BacktestOptions {
  /** Size of each entry in the base asset (e.g. 0.5 BTC), like a bot's order size. */
  qty: number;
  /** Fee per fill as a fraction of its notional (0.001 is 0.1 %, 10 basis points). Default 0. */
  feeRate?: number;
  /** Adverse move applied to every market fill, in basis points (5 is 0.05 %). Default 0. */
  slippageBps?: number;
  /** The venue's rules (tick, step, minimum notional); a rule left out does not round or refuse anything. */
  rules?: { tickSize?: number; stepSize?: number; minNotional?: number; base?: string; quote?: string };
  /** Stop-loss distance from the entry fill as a fraction (0.02 is 2 %), used when the intent gives no stop price. */
  stopLossPct?: number;
  /** Take-profit distance from the entry fill as a fraction, used when the intent gives no take-profit price. */
  takeProfitPct?: number;
  /** Money at the start, in quote currency. Default: qty × the first bar's open (what one entry costs), so returns compare with buy and hold. */
  initialCapital?: number;
  /** One bar's duration in ms (sets bars per year for Sharpe and Sortino). Default: the usual gap between bars. */
  barMs?: number;
}

export interface ResolvedOptions {
  qty: number;
  feeRate: number;
  slippageBps: number;
  /** null: no rules given, nothing is rounded or refused. */
  instrument: Instrument | null;
  stopLossPct: number;
  takeProfitPct: number;
  initialCapital: number | undefined;
  barMs: number | undefined;
}

type Check = [field: keyof BacktestOptions | 'tickSize' | 'stepSize' | 'minNotional', value: number | undefined, allowZero: boolean, label: string];

const MIN_QTY = 1e-10;

/** A grid finer than any double: the precision helpers leave a value on it unchanged. */
const NO_GRID = Number.MIN_VALUE;

export function resolveOptions(options: BacktestOptions): Result<ResolvedOptions> {
  const { rules } = options;
  const checks: Check[] = [
    ['qty', options.qty, false, 'Order size'],
    ['feeRate', options.feeRate, true, 'Fee'],
    ['slippageBps', options.slippageBps, true, 'Slippage'],
    ['stopLossPct', options.stopLossPct, false, 'Stop-loss distance'],
    ['takeProfitPct', options.takeProfitPct, false, 'Take-profit distance'],
    ['initialCapital', options.initialCapital, false, 'Initial capital'],
    ['barMs', options.barMs, false, 'Bar duration'],
    ['tickSize', rules?.tickSize, false, 'Tick size'],
    ['stepSize', rules?.stepSize, false, 'Step size'],
    ['minNotional', rules?.minNotional, true, 'Minimum order value'],
  ];
  const issues: FieldIssue[] = [];
  for (const [field, value, allowZero, label] of checks) {
    if (value === undefined || (Number.isFinite(value) && (value > 0 || (allowZero && value === 0)))) continue;
    issues.push({ path: [field], message: `${label} must be a ${allowZero ? 'number of zero or more' : 'positive number'}; got ${value}` });
  }
  // The ledger keeps quantities to 10 decimals (position-math): a smaller order would book as nothing.
  if (options.qty > 0 && options.qty < MIN_QTY) issues.push({ path: ['qty'], message: `Order size must be at least ${MIN_QTY}; got ${options.qty}` });
  if (options.stopLossPct !== undefined && options.stopLossPct >= 1) issues.push({ path: ['stopLossPct'], message: `Stop-loss distance must be under 100 %; got ${options.stopLossPct * 100} %` });
  if (issues.length > 0) return fail('INVALID_INPUT', issues.map((issue) => issue.message).join('; '), issues);
  const instrument: Instrument | null = rules && (rules.tickSize !== undefined || rules.stepSize !== undefined || rules.minNotional !== undefined)
    ? { venue: 'backtest', symbol: 'backtest', base: rules.base ?? 'base', quote: rules.quote ?? 'quote', tickSize: rules.tickSize ?? NO_GRID, stepSize: rules.stepSize ?? NO_GRID, minNotional: rules.minNotional ?? 0 }
    : null;
  return ok({
    qty: options.qty,
    feeRate: options.feeRate ?? 0,
    slippageBps: options.slippageBps ?? 0,
    instrument,
    stopLossPct: options.stopLossPct ?? Number.NaN,
    takeProfitPct: options.takeProfitPct ?? Number.NaN,
    initialCapital: options.initialCapital,
    barMs: options.barMs,
  });
}
