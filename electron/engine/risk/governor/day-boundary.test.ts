import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockTime, dayStart, nextReset, zoneOffsetMs } from './day-boundary.ts';

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('daily reset boundaries', () => {
  it('defaults to midnight UTC: the reset itself belongs to the new day', () => {
    expect(dayStart(utc('2026-11-25T14:02:00Z'), '00:00', 'UTC')).toBe(utc('2026-11-25T00:00:00Z'));
    expect(nextReset(utc('2026-11-25T14:02:00Z'), '00:00', 'UTC')).toBe(utc('2026-11-26T00:00:00Z'));
    expect(dayStart(utc('2026-11-25T00:00:00Z'), '00:00', 'UTC')).toBe(utc('2026-11-25T00:00:00Z'));
    expect(dayStart(utc('2026-11-24T23:59:59.999Z'), '00:00', 'UTC')).toBe(utc('2026-11-24T00:00:00Z'));
    expect(nextReset(utc('2026-11-25T00:00:00Z'), '00:00', 'UTC')).toBe(utc('2026-11-26T00:00:00Z'));
  });

  it('a reset time later than now reaches back to yesterday’s', () => {
    expect(dayStart(utc('2026-11-25T14:02:00Z'), '17:30', 'UTC')).toBe(utc('2026-11-24T17:30:00Z'));
    expect(nextReset(utc('2026-11-25T14:02:00Z'), '17:30', 'UTC')).toBe(utc('2026-11-25T17:30:00Z'));
  });

  it('follows Berlin across the spring-forward of 2026-03-29: that day is 23 hours long', () => {
    const start = dayStart(utc('2026-03-29T12:00:00Z'), '00:00', 'Europe/Berlin');
    expect(start).toBe(utc('2026-03-28T23:00:00Z')); // 00:00 CET
    const next = nextReset(utc('2026-03-29T12:00:00Z'), '00:00', 'Europe/Berlin');
    expect(next).toBe(utc('2026-03-29T22:00:00Z')); // 00:00 CEST
    expect(next - start).toBe(23 * HOUR);
    expect(zoneOffsetMs(utc('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(HOUR);
    expect(zoneOffsetMs(utc('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
  });

  it('follows Berlin across the fall-back of 2026-10-25: that day is 25 hours long', () => {
    const start = dayStart(utc('2026-10-25T12:00:00Z'), '00:00', 'Europe/Berlin');
    const next = nextReset(utc('2026-10-25T12:00:00Z'), '00:00', 'Europe/Berlin');
    expect(start).toBe(utc('2026-10-24T22:00:00Z'));
    expect(next).toBe(utc('2026-10-25T23:00:00Z'));
    expect(next - start).toBe(25 * HOUR);
  });

  it('a reset at 02:30, skipped by the spring-forward, happens when the clocks show 03:30', () => {
    expect(nextReset(utc('2026-03-29T00:00:00Z'), '02:30', 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'));
    expect(nextReset(utc('2026-03-30T00:00:00Z'), '02:30', 'Europe/Berlin')).toBe(utc('2026-03-30T00:30:00Z'));
  });

  it('New York: 17:00 reset (the FX day) before and after 2026-03-08 and 2026-11-01', () => {
    expect(nextReset(utc('2026-03-06T12:00:00Z'), '17:00', 'America/New_York')).toBe(utc('2026-03-06T22:00:00Z')); // EST
    expect(nextReset(utc('2026-03-09T12:00:00Z'), '17:00', 'America/New_York')).toBe(utc('2026-03-09T21:00:00Z')); // EDT
    expect(dayStart(utc('2026-11-02T03:00:00Z'), '00:00', 'America/New_York')).toBe(utc('2026-11-01T04:00:00Z'));
    expect(nextReset(utc('2026-11-01T12:00:00Z'), '00:00', 'America/New_York')).toBe(utc('2026-11-02T05:00:00Z'));
    expect(clockTime(utc('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('00:00');
  });

  it('for any moment, zone and reset time: start ≤ now < next, both at the reset time on the wall clock, 23 to 25 hours apart', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.integer({ min: utc('2025-01-01T00:00:00Z'), max: utc('2028-01-01T00:00:00Z') }), fc.constantFrom(...zones), fc.constantFrom('00:00', '08:00', '17:00', '23:59'), (now, zone, reset) => {
        const start = dayStart(now, reset, zone);
        const next = nextReset(now, reset, zone);
        expect(start).toBeLessThanOrEqual(now);
        expect(next).toBeGreaterThan(now);
        expect(next - start).toBeGreaterThanOrEqual(23 * HOUR);
        expect(next - start).toBeLessThanOrEqual(25 * HOUR);
        expect(clockTime(start, zone)).toBe(reset);
        expect(clockTime(next, zone)).toBe(reset);
      }),
      { numRuns: 500 },
    );
  });
});
