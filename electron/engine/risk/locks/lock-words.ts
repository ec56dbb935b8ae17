/** Lock times and reasons in the words a trader reads: UTC clock times, percentages, minutes. */

/** '*' in the locks table: every symbol of the account. */
export const ALL_SYMBOLS = '*';

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:32 UTC" on the same UTC day as `now`, "2026-01-06 14:32 UTC" on another; seconds only when not zero. */
export function utcTime(ms: number, now: number): string {
  const at = new Date(ms);
  const seconds = at.getUTCSeconds() === 0 && at.getUTCMilliseconds() === 0 ? '' : `:${pad(at.getUTCSeconds())}`;
  const clock = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}${seconds} UTC`;
  const sameDay = new Date(now).toISOString().slice(0, 10) === at.toISOString().slice(0, 10);
  return sameDay ? clock : `${at.toISOString().slice(0, 10)} ${clock}`;
}

/** 0.0123 → "1.23 %"; enough digits that a tiny ratio does not read as zero. */
export function percent(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(3))} %`;
}

export function lockedScope(accountId: string, symbol: string): string {
  return symbol === ALL_SYMBOLS ? `Every symbol on account ${accountId}` : `${symbol} on account ${accountId}`;
}

/** The refusal an entry gets while a lock holds: "SOL/USDT on account paper locked until 14:32 UTC: 3 stop-losses within 60 min (stop-loss guard)". */
export function lockedMessage(lock: { accountId: string; symbol: string; until: number; reason: string }, now: number): string {
  return `${lockedScope(lock.accountId, lock.symbol)} locked until ${utcTime(lock.until, now)}: ${lock.reason}`;
}
