import { describe, expect, it } from 'vitest';
import { lockTime } from './lock-time.ts';

const NOW = Date.UTC(2026, 0, 5, 23, 50);

describe('lock end times', () => {
  it('reads like the engine’s refusal: the clock time, seconds when there are some, the date when not today', () => {
    expect(lockTime(Date.UTC(2026, 0, 5, 23, 55), NOW)).toBe('23:55 UTC');
    expect(lockTime(Date.UTC(2026, 0, 5, 23, 55, 6), NOW)).toBe('23:55:06 UTC');
    expect(lockTime(Date.UTC(2026, 0, 6, 0, 20), NOW)).toBe('2026-01-06 00:20 UTC');
  });
});
