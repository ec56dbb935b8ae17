import { describe, expect, it } from 'vitest';
import { bucketPnl, periodStart } from './pnl-buckets.ts';

const at = (iso: string) => Date.parse(iso);

describe('P&L by day, week and month (UTC)', () => {
  it('starts weeks on Monday and months on the 1st, in UTC', () => {
    // 2026-11-25 is a Wednesday.
    expect(periodStart(at('2026-11-25T23:59:59Z'), 'day')).toBe(at('2026-11-25T00:00:00Z'));
    expect(periodStart(at('2026-11-25T10:00:00Z'), 'week')).toBe(at('2026-11-23T00:00:00Z'));
    expect(periodStart(at('2026-11-23T00:00:00Z'), 'week')).toBe(at('2026-11-23T00:00:00Z'));
    expect(periodStart(at('2026-11-29T23:00:00Z'), 'week')).toBe(at('2026-11-23T00:00:00Z'));
    expect(periodStart(at('2026-11-30T00:00:00Z'), 'week')).toBe(at('2026-11-30T00:00:00Z'));
    expect(periodStart(at('2026-02-28T12:00:00Z'), 'month')).toBe(at('2026-02-01T00:00:00Z'));
    // Before 1970 too (the week arithmetic on a negative day number).
    expect(periodStart(at('1969-12-31T12:00:00Z'), 'week')).toBe(at('1969-12-29T00:00:00Z'));
  });

  it('sums trades into their period, oldest first, leaving empty periods out', () => {
    const trades = [
      { closedAt: at('2026-11-25T10:00:00Z'), pnl: 5 },
      { closedAt: at('2026-11-02T10:00:00Z'), pnl: -3 },
      { closedAt: at('2026-11-25T20:00:00Z'), pnl: 2.5 },
      { closedAt: at('2026-10-31T23:00:00Z'), pnl: 1 },
    ];
    expect(bucketPnl(trades, 'day').map((b) => [b.pnl, b.trades])).toEqual([[1, 1], [-3, 1], [7.5, 2]]);
    expect(bucketPnl(trades, 'month')).toEqual([
      { ts: at('2026-10-01T00:00:00Z'), pnl: 1, trades: 1 },
      { ts: at('2026-11-01T00:00:00Z'), pnl: 4.5, trades: 3 },
    ]);
    // 31 Oct (Sat) and 2 Nov (Mon) fall in different weeks.
    expect(bucketPnl(trades, 'week').map((b) => b.pnl)).toEqual([1, -3, 7.5]);
  });
});
