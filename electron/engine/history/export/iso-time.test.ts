import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWithoutZone } from './iso-time.ts';

describe('ISO time text', () => {
  it('is what toISOString writes, without its Z, for any millisecond of years 0 to 9999 and beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000 - 86_400_000, max: 253_402_300_799_999 + 86_400_000 }), (ms) => {
        expect(isoWithoutZone(ms)).toBe(new Date(ms).toISOString().slice(0, -1));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([0, -1, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999)])('writes %d as toISOString does', (ms) => {
    expect(isoWithoutZone(ms)).toBe(new Date(ms).toISOString().slice(0, -1));
  });
});
