import { describe, expect, it } from 'vitest';
import { calendarMonths } from './calendar-model.ts';

const day = (iso: string, pnl: number) => ({ ts: Date.parse(`${iso}T00:00:00Z`), pnl });

describe('the returns calendar', () => {
  it('lays a month out Monday first with its days’ P&L and returns, newest month first', () => {
    // 1 Nov 2026 is a Sunday: six empty cells before it.
    const [nov, oct] = calendarMonths([day('2026-10-31', -5), day('2026-11-01', 10), day('2026-11-25', 20)], 1000);
    expect(nov!.label).toBe('Nov 2026');
    expect(nov!.weeks[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(nov!.weeks[0]![6]).toEqual({ day: 1, pnl: 10, ret: 0.01 });
    expect(nov!.total).toBe(30);
    expect(nov!.weeks.every((w) => w.length === 7)).toBe(true);
    expect(nov!.weeks.flat().filter((c) => c !== null)).toHaveLength(30);
    expect(oct!.total).toBe(-5);
  });

  it('leaves returns out without capital and keeps only the latest months', () => {
    const months = calendarMonths([day('2025-01-10', 1), day('2025-02-10', 1), day('2025-03-10', 1)], null, 2);
    expect(months.map((m) => m.key)).toEqual(['2025-03', '2025-02']);
    expect(months[0]!.weeks.flat().find((c) => c?.pnl === 1)?.ret).toBeNull();
  });
});
