import type { Candle } from '../../../shared/domain/candle.ts';

export const BAR_MS = 60_000;

const positive = (value: number) => Number.isFinite(value) && value > 0;

/** Why a bar from the exchange cannot be used, or null when it can. */
export function barProblem(bar: Candle, now: number): string | null {
  if (!Number.isSafeInteger(bar.ts) || bar.ts % BAR_MS !== 0) return `its time ${bar.ts} is not the start of a minute`;
  if (bar.ts > now + BAR_MS) return `it opens in the future (${new Date(bar.ts).toISOString()})`;
  for (const field of ['open', 'high', 'low', 'close'] as const) {
    if (!positive(bar[field])) return `its ${field} price ${bar[field]} is not a positive number`;
  }
  if (!Number.isFinite(bar.volume) || bar.volume < 0) return `its volume ${bar.volume} is not zero or more`;
  if (bar.high < Math.max(bar.open, bar.close, bar.low)) return `its high ${bar.high} is below its open, close or low`;
  if (bar.low > Math.min(bar.open, bar.close)) return `its low ${bar.low} is above its open or close`;
  return null;
}

export interface CheckedPage {
  /** Usable bars opened at or after `since`, strictly ascending. */
  bars: Candle[];
  refused: { ts: number; reason: string }[];
}

/**
 * The usable part of one page of bars. Bars before `since` are the overlap of a page with what we
 * already have and are dropped without a word; a bad bar, or one not after the bar before it (a
 * reordered or repeated time), is refused with its reason.
 */
export function checkPage(page: readonly Candle[], since: number, now: number): CheckedPage {
  const bars: Candle[] = [];
  const refused: CheckedPage['refused'] = [];
  for (const bar of page) {
    const problem = barProblem(bar, now);
    if (problem) {
      refused.push({ ts: bar.ts, reason: problem });
      continue;
    }
    if (bar.ts < since) continue;
    const previous = bars.at(-1);
    if (previous && bar.ts <= previous.ts) {
      refused.push({ ts: bar.ts, reason: `it is out of order (${bar.ts} after ${previous.ts})` });
      continue;
    }
    bars.push({ ts: bar.ts, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });
  }
  return { bars, refused };
}

/**
 * Bars that are closed: each one followed by a later bar (the exchange moved on), and the last one
 * once its minute plus `graceMs` has passed (a quiet market may have no later bar yet).
 */
export function closedCount(bars: readonly Candle[], now: number, graceMs: number): number {
  const last = bars.at(-1);
  if (!last) return 0;
  return last.ts + BAR_MS + graceMs <= now ? bars.length : bars.length - 1;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with equal jitter: between half and all of initial × 2^(failures-1), capped,
 * so many clients retrying after one outage spread out. A Retry-After from the exchange is obeyed.
 */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number, retryAfterMs = 0): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(failures - 1, 30));
  return Math.max(Math.round(ceiling / 2 + random() * (ceiling / 2)), retryAfterMs);
}
