import type { Candle } from '../../../../shared/domain/candle.ts';
import type { DomainError, Result } from '../../../../shared/errors.ts';
import type { PublicMarketData } from '../../venues/exchange.ts';
import { barProblem } from './candle-csv-row.ts';

/** Bars per request: the public data's own page (one HTTP request each), so a retry repeats one page only. */
export const PAGE_BARS = 300;
/** Tries of one page through an outage or a rate limit, after the client's own quick retries. */
export const MAX_PAGE_ATTEMPTS = 6;
const FIRST_WAIT_MS = 1_000;
/**
 * A bar counts as closed this long after its end: our clock may run ahead of the exchange's, and
 * exchanges publish a bar's final numbers a moment after it ends. A bar stored too early would be
 * kept with its unfinished numbers.
 */
export const SETTLE_MS = 10_000;
const MAX_WAIT_MS = 60_000;

export type BackfillState = 'running' | 'waiting' | 'done' | 'cancelled' | 'failed';

export interface BackfillStatus {
  state: BackfillState;
  from: number;
  to: number;
  reachedTs: number | null;
  fetched: number;
  inserted: number;
  fraction: number;
  message: string | null;
}

export interface BackfillJobDeps {
  data: PublicMarketData;
  /** Stores one page in one transaction (so a crash keeps every page before it); returns the bars new to the store. */
  write(candles: Candle[]): Promise<number>;
  newestStored(): Promise<number | undefined>;
  now(): number;
  /** Resolves after `ms`, or at once when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface BackfillPlan {
  symbol: string;
  timeframe: string;
  timeframeMs: number;
  from: number;
  to?: number;
}

type Step = { kind: 'page'; bars: Candle[] } | { kind: 'stop'; status: Pick<BackfillStatus, 'state' | 'message'> };

const iso = (ts: number) => new Date(ts).toISOString().replace('.000Z', 'Z');

/**
 * Fetches closed bars page by page from the newest stored one (or `from`) up to `to` or now, and
 * stores each page as it comes: a run cancelled, failed or killed continues where it stopped.
 * A bar still forming is never stored (the store keeps the first version of a bar).
 */
export async function runBackfill(deps: BackfillJobDeps, plan: BackfillPlan, signal: AbortSignal, report: (status: BackfillStatus) => void): Promise<BackfillStatus> {
  const tf = plan.timeframeMs;
  const startedAt = deps.now();
  const end = Math.min(plan.to ?? startedAt, startedAt - SETTLE_MS);
  const newest = await deps.newestStored();
  const start = Math.max(plan.from, newest === undefined ? plan.from : newest + tf);
  const status: BackfillStatus = { state: 'running', from: start, to: end, reachedTs: newest ?? null, fetched: 0, inserted: 0, fraction: 0, message: null };
  const update = (patch: Partial<BackfillStatus>) => {
    Object.assign(status, patch);
    report({ ...status });
  };
  let cursor = start;
  while (cursor + tf <= end) {
    if (signal.aborted) break;
    const step = await nextPage(deps, plan, cursor, end, signal, update);
    if (step.kind === 'stop') return finish(update, status, step.status);
    if (step.bars.length === 0) break;
    const last = step.bars.at(-1) as Candle;
    const inserted = status.inserted + (await deps.write(step.bars));
    // Bars of a timeframe lie at least its length apart: the next one cannot open sooner.
    cursor = last.ts + tf;
    const fraction = end > start ? Math.min(1, (last.ts + tf - start) / (end - start)) : 1;
    update({ state: 'running', message: null, reachedTs: last.ts, fetched: status.fetched + step.bars.length, inserted, fraction });
  }
  if (signal.aborted) return finish(update, status, { state: 'cancelled', message: `Cancelled; the ${status.inserted} new bars fetched so far are kept` });
  const note = status.fetched === 0 ? `Already up to date: no closed ${plan.timeframe} bar of ${plan.symbol} from ${iso(start)} to ${iso(end)}` : null;
  return finish(update, status, { state: 'done', message: note }, 1);
}

function finish(update: (patch: Partial<BackfillStatus>) => void, status: BackfillStatus, end: Pick<BackfillStatus, 'state' | 'message'>, fraction = status.fraction): BackfillStatus {
  update({ ...end, fraction });
  return { ...status };
}

/** One page, waiting through outages and rate limits; the bars checked, sorted and cut to the range. */
async function nextPage(deps: BackfillJobDeps, plan: BackfillPlan, cursor: number, end: number, signal: AbortSignal, update: (patch: Partial<BackfillStatus>) => void): Promise<Step> {
  for (let attempt = 1; ; attempt++) {
    const page = await deps.data.candles(plan.symbol, plan.timeframe, cursor, PAGE_BARS);
    if (signal.aborted) return { kind: 'page', bars: [] };
    if (page.ok) return checkedPage(page.value, plan, cursor, end);
    if (page.error.code !== 'UNAVAILABLE' || attempt >= MAX_PAGE_ATTEMPTS) return { kind: 'stop', status: { state: 'failed', message: failedMessage(page, attempt) } };
    const wait = waitBefore(page.error, attempt);
    update({ state: 'waiting', message: `${page.error.message}; trying again in ${Math.round(wait / 1000)} s (try ${attempt + 1} of ${MAX_PAGE_ATTEMPTS})` });
    await deps.sleep(wait, signal);
    if (signal.aborted) return { kind: 'page', bars: [] };
  }
}

function failedMessage(page: Result<never> & { ok: false }, attempts: number): string {
  const tries = attempts > 1 ? ` after ${attempts} tries` : '';
  return `Stopped${tries}: ${page.error.message}. The bars fetched before are kept; start again to continue`;
}

/** The exchange's Retry-After when it gave one, else doubling from 1 s; never over a minute. */
function waitBefore(error: DomainError, attempt: number): number {
  const asked = Number(error.details?.retryAfterMs ?? 0);
  return Math.min(MAX_WAIT_MS, Math.max(asked, FIRST_WAIT_MS * 2 ** (attempt - 1)));
}

function checkedPage(raw: readonly Candle[], plan: BackfillPlan, cursor: number, end: number): Step {
  for (const bar of raw) {
    const problem = barProblem(bar);
    if (problem) return { kind: 'stop', status: { state: 'failed', message: `The exchange sent a bar of ${plan.symbol} that cannot be right (${problem}); stopped, the bars before it are kept` } };
  }
  const sorted = [...raw].sort((a, b) => a.ts - b.ts).filter((bar, i, all) => i === 0 || bar.ts !== all[i - 1]?.ts);
  // Only closed bars in the range: the forming bar would be stored once and never corrected.
  const bars = sorted.filter((bar) => bar.ts >= cursor && bar.ts + plan.timeframeMs <= end);
  if (bars.length === 0 && sorted.length > 0 && (sorted.at(-1) as Candle).ts < cursor) {
    return { kind: 'stop', status: { state: 'failed', message: `The exchange answered with bars before ${iso(cursor)} when asked for bars from then; stopped to avoid asking forever` } };
  }
  return { kind: 'page', bars };
}
