import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayStart, nextReset } from './day-boundary.ts';

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/**
 * A reset time the clocks skip (spring-forward) happens when the clocks first show it, an hour
 * later, in zones west of Greenwich as east of it. Chile skips midnight itself: a reset at 00:00
 * put an hour early there falls on the day before, and the next reset reads as already past,
 * so a daily loss lock would end the moment it was set.
 */
describe('a daily reset the clocks skip', () => {
  it('Santiago skips 00:00 on 2026-09-06: the reset is at 01:00 -03, and the one after "now" is never in the past', () => {
    expect(nextReset(utc('2026-09-05T16:00:00Z'), '00:00', 'America/Santiago')).toBe(utc('2026-09-06T04:00:00Z'));
    const lateSaturday = utc('2026-09-06T03:30:00Z'); // 23:30 -04 on Saturday
    expect(dayStart(lateSaturday, '00:00', 'America/Santiago')).toBe(utc('2026-09-05T04:00:00Z'));
    expect(nextReset(lateSaturday, '00:00', 'America/Santiago')).toBe(utc('2026-09-06T04:00:00Z'));
    expect(dayStart(utc('2026-09-06T04:00:00Z'), '00:00', 'America/Santiago')).toBe(utc('2026-09-06T04:00:00Z'));
  });

  it('New York skips 02:30 on 2026-03-08: the reset is at 03:30 EDT, not 01:30 EST', () => {
    expect(nextReset(utc('2026-03-08T05:00:00Z'), '02:30', 'America/New_York')).toBe(utc('2026-03-08T07:30:00Z'));
  });

  it('around every 2026 clock change of these zones, at every reset time: the day starts at or before now, the next reset is after it, 22 to 26 hours on', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata'];
    const resets = ['00:00', '00:30', '01:30', '02:00', '02:30', '03:00', '12:00', '23:59'];
    // Spring-forward and fall-back instants of 2026 in these zones; `now` is drawn within 36 hours of one.
    const changes = ['2026-03-08T05:00:00Z', '2026-03-08T07:00:00Z', '2026-03-29T01:00:00Z', '2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z', '2026-09-26T14:00:00Z', '2026-10-03T15:30:00Z', '2026-10-25T01:00:00Z', '2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z'].map(utc);
    const around = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -36 * HOUR, max: 36 * HOUR })).map(([at, shift]) => at + shift);
    fc.assert(
      fc.property(around, fc.constantFrom(...zones), fc.constantFrom(...resets), (now, zone, reset) => {
        const start = dayStart(now, reset, zone);
        const next = nextReset(now, reset, zone);
        expect(start).toBeLessThanOrEqual(now);
        expect(next).toBeGreaterThan(now);
        expect(next - start).toBeGreaterThanOrEqual(22 * HOUR);
        expect(next - start).toBeLessThanOrEqual(26 * HOUR);
        expect(dayStart(next, reset, zone)).toBe(next);
      }),
      { numRuns: 20_000 },
    );
  });
});
