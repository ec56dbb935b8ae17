/** One month of the returns calendar: its days as weeks (Monday first), each day's P&L or null. */
export interface CalendarMonth {
  /** "2026-11" */
  key: string;
  label: string;
  weeks: ({ day: number; pnl: number | null; ret: number | null } | null)[][];
  total: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Daily P&L laid out as calendar months (UTC), newest month first, at most `limit` months. A day's
 * return is its P&L over the capital (null without capital).
 */
export function calendarMonths(days: readonly { ts: number; pnl: number }[], capital: number | null, limit = 12): CalendarMonth[] {
  const byDay = new Map(days.map((d) => [d.ts, d.pnl]));
  const keys = [...new Set(days.map((d) => new Date(d.ts).toISOString().slice(0, 7)))].sort().reverse().slice(0, limit);
  return keys.map((key) => {
    const [year, month] = key.split('-').map(Number) as [number, number];
    const first = Date.UTC(year, month - 1, 1);
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    // Monday-first: Sunday (0) is the seventh column.
    const offset = (new Date(first).getUTCDay() + 6) % 7;
    const cells: CalendarMonth['weeks'][number] = Array.from({ length: offset }, () => null);
    let total = 0;
    for (let day = 1; day <= length; day++) {
      const pnl = byDay.get(Date.UTC(year, month - 1, day)) ?? null;
      total += pnl ?? 0;
      cells.push({ day, pnl, ret: pnl !== null && capital && capital > 0 ? pnl / capital : null });
    }
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
    return { key, label: `${MONTHS[month - 1]} ${year}`, weeks, total };
  });
}
