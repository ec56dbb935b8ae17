import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantize, toDecimal, toNumber } from './precision-decimal.ts';
import { fastRoundSignificant, fastRoundTo } from './precision-fast.ts';
import { roundSignificant, roundTo } from './precision.ts';

/** The exact decimal roundings the shortcuts must reproduce, bit for bit. */
const exactRoundTo = (value: number, decimals: number) => toNumber(quantize(toDecimal(value), { int: 1n, exp: -decimals }, 'nearest'));
function exactSignificant(value: number, digits: number): number {
  const decimal = toDecimal(value);
  const magnitude = (decimal.int < 0n ? -decimal.int : decimal.int).toString().length + decimal.exp;
  return toNumber(quantize(decimal, { int: 1n, exp: magnitude - digits }, 'nearest'));
}

const RUNS = { numRuns: 20_000 };
/** Every kind of double a ledger meets: full-precision, clean decimals, halves and their neighbours. */
const value = fc.oneof(
  fc.double({ min: -1e16, max: 1e16, noNaN: true }),
  fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -10, max: 21 })).map(([m, e]) => m * 10 ** e),
  fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 12 })).map(([n, d]) => n / 10 ** d),
  fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(-1, 0, 1)).map(([n, d, ulps]) => {
    const half = (n + 0.5) / 10 ** d;
    return ulps === 0 ? half : ulps > 0 ? half + Math.abs(half) * Number.EPSILON : half - Math.abs(half) * Number.EPSILON;
  }),
);

describe('precision shortcuts give the decimal path\'s double or nothing', () => {
  it('roundTo at 0 to 12 decimals', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 12 }), (v, d) => {
        const fast = fastRoundTo(v, d);
        if (fast !== null) expect(Object.is(fast, exactRoundTo(v, d))).toBe(true);
      }),
      RUNS,
    );
  });

  it('roundSignificant at 1 to 17 digits', () => {
    fc.assert(
      fc.property(value.filter((v) => v !== 0), fc.integer({ min: 1, max: 17 }), (v, digits) => {
        const fast = fastRoundSignificant(v, digits);
        if (fast !== null) expect(Object.is(fast, exactSignificant(v, digits))).toBe(true);
      }),
      RUNS,
    );
  });

  it('takes the shortcut for the numbers a ledger books most (so the speed is real)', () => {
    for (const [v, d] of [[1, 10], [100.25, 8], [-12.063, 8], [0.41998, 8], [30_012.34, 8]] as const) expect(fastRoundTo(v, d)).toBe(v);
    for (const v of [30_012.34, 1_000, 999.999, 65_000.5]) expect(fastRoundSignificant(v, 15)).toBe(v);
  });

  it('keeps the known decimal answers: 1.005 to 2 decimals is 1.01, 0.1 + 0.2 is 0.3, no -0', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(0.1 + 0.2, 8)).toBe(0.3);
    expect(Object.is(roundTo(-1e-12, 8), 0)).toBe(true);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundSignificant(999.9999999999999, 15)).toBe(1000);
    expect(roundSignificant(0.30000000000000004, 15)).toBe(0.3);
  });
});
