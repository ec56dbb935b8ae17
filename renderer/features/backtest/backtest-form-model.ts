import type { BacktestRunInput } from '../../../shared/contract/backtest.ts';
import { BacktestRunInputSchema } from '../../../shared/contract/backtest.ts';
import type { StoredSeries } from '../../../shared/contract/history.ts';
import { fieldErrors } from '../../rpc/errors.ts';
import { draftFor, paramsFromDraft, type StrategyDraft } from '../bots/strategy-form-model.ts';
import { utcDate } from '../history/history-format.ts';

const DAY_MS = 86_400_000;

/** What the trader typed: numbers and dates stay text until the run is asked for. */
export interface BacktestDraft {
  /** The chosen stored series, as `seriesKey` writes it. */
  series: string;
  /** First and last day of the range, `YYYY-MM-DD` in UTC; both days included. */
  from: string;
  to: string;
  strategy: StrategyDraft;
  qty: string;
  /** Blank: the paper venue's fee and slippage. */
  feeBps: string;
  slippageBps: string;
  /** Percent of the entry price (2 is 2 %); blank: none. */
  stopLossPct: string;
  takeProfitPct: string;
  /** Quote currency; blank: one order's cost at the first bar's open. */
  initialCapital: string;
}

export const seriesKey = (s: Pick<StoredSeries, 'venue' | 'symbol' | 'timeframe'>) => `${s.venue}|${s.symbol}|${s.timeframe}`;

const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/** A fresh draft over a series' whole stored range. */
export function draftForSeries(series: StoredSeries | undefined, previous?: BacktestDraft): BacktestDraft {
  return {
    strategy: previous?.strategy ?? draftFor('ma_crossover'),
    qty: previous?.qty ?? '1',
    feeBps: previous?.feeBps ?? '',
    slippageBps: previous?.slippageBps ?? '',
    stopLossPct: previous?.stopLossPct ?? '',
    takeProfitPct: previous?.takeProfitPct ?? '',
    initialCapital: previous?.initialCapital ?? '',
    series: series ? seriesKey(series) : '',
    from: series ? day(series.firstTs) : '',
    to: series ? day(series.lastTs) : '',
  };
}

/** Blank is "not given"; anything else is a number (text that is not one becomes NaN, which the schema refuses). */
const optionalNumber = (text: string, scale = 1): number | undefined => (text.trim() === '' ? undefined : Number(text) / scale);

/** A real calendar day as UTC midnight: 2020-02-30 is refused, not read as 1 March. */
function utcDay(text: string): number | null {
  const ts = utcDate(text.trim());
  return ts !== null && day(ts) === text.trim() ? ts : null;
}

/**
 * The run request for a draft, checked by the same schema the engine uses; or the messages by
 * field. The end day is included: the range runs to the following midnight (UTC).
 */
export function runInputOf(draft: BacktestDraft, series: readonly StoredSeries[]): { ok: true; input: BacktestRunInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const chosen = series.find((s) => seriesKey(s) === draft.series);
  if (!chosen) errors.series = 'Pick a stored series (import or backfill one on the Market data page)';
  const from = utcDay(draft.from);
  const toDay = utcDay(draft.to);
  if (from === null) errors.from = 'Give the first day as YYYY-MM-DD';
  if (toDay === null) errors.to = 'Give the last day as YYYY-MM-DD';
  else if (from !== null && toDay < from) errors.to = 'The last day must not be before the first';
  if (draft.qty.trim() === '') errors.qty = 'Order size is required';
  // The schema's own wording for this bound is the library's, in fractions; the trader typed percent.
  if (Number(draft.takeProfitPct) > 10_000) errors.takeProfitPct = 'Take-profit distance must be at most 10,000 %';
  const percent = (text: string) => optionalNumber(text, 100);
  const parsed = BacktestRunInputSchema.safeParse({
    symbol: chosen?.symbol ?? '',
    venue: chosen?.venue,
    timeframe: chosen?.timeframe ?? '',
    from: from ?? 0,
    to: toDay === null ? 1 : toDay + DAY_MS,
    strategy: paramsFromDraft(draft.strategy),
    qty: optionalNumber(draft.qty),
    feeBps: optionalNumber(draft.feeBps),
    slippageBps: optionalNumber(draft.slippageBps),
    stopLossPct: percent(draft.stopLossPct),
    takeProfitPct: percent(draft.takeProfitPct),
    initialCapital: optionalNumber(draft.initialCapital),
  });
  const schemaErrors = parsed.success ? {} : fieldErrors({ data: { issues: parsed.error.issues } });
  const all = { ...schemaErrors, ...errors };
  if (!parsed.success || Object.keys(all).length > 0) return { ok: false, errors: Object.keys(all).length > 0 ? all : { form: 'The request could not be checked' } };
  return { ok: true, input: parsed.data };
}
