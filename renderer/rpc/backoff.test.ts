import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.ts';

describe('reconnection back-off', () => {
  it('doubles from half a second and never waits more than 18 s, whatever the attempt count', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 1e9 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), (attempt, r) => {
        const ms = backoffMs(attempt, () => r);
        expect(ms).toBeGreaterThanOrEqual(500);
        expect(ms).toBeLessThanOrEqual(18_000);
      }),
    );
  });

  it('never shortens as attempts grow (for the same jitter)', () => {
    fc.assert(fc.property(fc.nat(100), (n) => {
        expect(backoffMs(n + 1, () => 0.5)).toBeGreaterThanOrEqual(backoffMs(n, () => 0.5));
      }));
  });
});
