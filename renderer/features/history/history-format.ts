const DAY_MS = 86_400_000;

/** A bar time in UTC: the date alone for daily and longer series, minutes otherwise. */
export function barTime(ts: number, timeframe: string): string {
  const iso = new Date(ts).toISOString();
  const daily = /^\d+[dw]$/.test(timeframe);
  return daily ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A `YYYY-MM-DD` field as UTC midnight in epoch ms; null when it is not a real date. */
export function utcDate(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ts = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ts) ? null : ts;
}

export const daysAgo = (days: number, now = Date.now()) => new Date(Math.floor(now / DAY_MS) * DAY_MS - days * DAY_MS).toISOString().slice(0, 10);
