/** Calendar buckets of P&L, in UTC (the ledger's timestamps are UTC; the renderer labels them so). */
export const DAY_MS = 24 * 60 * 60 * 1000;

export type Period = 'day' | 'week' | 'month';

/** The start (epoch ms, UTC) of the day, the ISO week (Monday) or the month holding `ts`. */
export function periodStart(ts: number, period: Period): number {
  const day = Math.floor(ts / DAY_MS) * DAY_MS;
  if (period === 'day') return day;
  if (period === 'week') {
    // 1970-01-01 was a Thursday: days since a Monday are (days + 3) mod 7.
    const days = day / DAY_MS;
    return day - (((days + 3) % 7) + 7) % 7 * DAY_MS;
  }
  const date = new Date(ts);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

export interface PnlBucket {
  ts: number;
  pnl: number;
  trades: number;
}

/** Sums P&L per period, oldest first; periods without a trade are left out. A row may stand for several trades (`trades`, 1 when absent). */
export function bucketPnl(trades: readonly { closedAt: number; pnl: number; trades?: number }[], period: Period): PnlBucket[] {
  const buckets = new Map<number, PnlBucket>();
  for (const trade of trades) {
    const ts = periodStart(trade.closedAt, period);
    const bucket = buckets.get(ts) ?? { ts, pnl: 0, trades: 0 };
    bucket.pnl += trade.pnl;
    bucket.trades += trade.trades ?? 1;
    buckets.set(ts, bucket);
  }
  return [...buckets.values()].sort((a, b) => a.ts - b.ts);
}
