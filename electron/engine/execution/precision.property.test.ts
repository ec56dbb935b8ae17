import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorToHeld, floorToStep, roundPriceToTick, roundQuote, roundSignificant, roundTo, roundToStep } from './precision.ts';

const RUNS = { numRuns: 3000 };
const EPS = Number.EPSILON;

/** Values across 1e-12 … 1e12, both signs, with every mantissa a double can have. */
const magnitude = (minExp: number, maxExp: number) =>
  fc.tuple(fc.double({ min: 1, max: 10, noNaN: true, maxExcluded: true }), fc.integer({ min: minExp, max: maxExp })).map(([m, e]) => m * 10 ** e);
const value = fc.oneof(
  fc.tuple(magnitude(-12, 11), fc.boolean()).map(([v, negative]) => (negative ? -v : v)),
  // Clean decimals like a trader types them, and their float-noise neighbours.
  fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 12 })).map(([n, d]) => n / 10 ** d),
  fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 8 })).map(([n, d]) => n / 10 ** d + 1 / 10 ** d / 10),
);
/** Steps and ticks from 1e-8 to 1000: the decimal ones venues use, and arbitrary ones. */
const step = fc.oneof(
  fc.tuple(fc.constantFrom(1, 2, 2.5, 5, 25), fc.integer({ min: -8, max: 3 })).map(([m, e]) => Number(`${m}e${e}`)).filter((s) => s <= 1000),
  magnitude(-8, 2),
);

/** `r` is a whole number of steps, within what a double can hold. */
function expectOnGrid(r: number, s: number): void {
  const steps = Math.round(r / s);
  expect(Math.abs(r - steps * s)).toBeLessThanOrEqual(1e-9 * s + 8 * EPS * Math.abs(r));
}

describe('rounding to the nearest step (property)', () => {
  it('roundToStep / roundPriceToTick: finite, idempotent, on the grid, within half a step', () => {
    fc.assert(
      fc.property(value, step, (v, s) => {
        for (const r of [roundToStep(v, s), roundPriceToTick(v, { tickSize: s })]) {
          expect(Number.isFinite(r)).toBe(true);
          expect(roundToStep(r, s)).toBe(r);
          expectOnGrid(r, s);
          expect(Math.abs(r - v)).toBeLessThanOrEqual(s / 2 + 4 * EPS * Math.max(Math.abs(v), Math.abs(r)));
        }
      }),
      RUNS,
    );
  });

  it('roundTo / roundQuote: finite, idempotent, on the grid, within half a unit of the last decimal', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 12 }), (v, decimals) => {
        const unit = 10 ** -decimals;
        for (const [r, again] of [
          [roundTo(v, decimals), (x: number) => roundTo(x, decimals)],
          [roundQuote(v, decimals), (x: number) => roundQuote(x, decimals)],
        ] as const) {
          expect(Number.isFinite(r)).toBe(true);
          expect(again(r)).toBe(r);
          expectOnGrid(r, unit);
          expect(Math.abs(r - v)).toBeLessThanOrEqual(unit / 2 + 4 * EPS * Math.max(Math.abs(v), Math.abs(r)));
        }
      }),
      RUNS,
    );
  });

  it('roundSignificant: finite, idempotent, within half a unit of the last kept digit', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 15 }), (v, digits) => {
        const r = roundSignificant(v, digits);
        expect(Number.isFinite(r)).toBe(true);
        expect(roundSignificant(r, digits)).toBe(r);
        expect(Math.abs(r - v)).toBeLessThanOrEqual(5 * 10 ** -digits * Math.abs(v) + 4 * EPS * Math.abs(v));
      }),
      RUNS,
    );
  });
});

describe('rounding quantities down (property)', () => {
  it('floorToStep: finite, idempotent, on the grid, never above the input and less than a step below', () => {
    fc.assert(
      fc.property(value, step, (v, s) => {
        const r = floorToStep(v, s);
        const noise = 4 * EPS * Math.abs(v);
        expect(Number.isFinite(r)).toBe(true);
        expect(floorToStep(r, s)).toBe(r);
        expectOnGrid(r, s);
        expect(r).toBeLessThanOrEqual(v + noise);
        expect(v - r).toBeLessThan(s + noise);
      }),
      RUNS,
    );
  });

  it('floorToHeld: never above what is held, not even by noise, and on the grid', () => {
    const positive = value.map(Math.abs);
    fc.assert(
      fc.property(positive, value, step, (requested, held, s) => {
        const r = floorToHeld(requested, held, s);
        expect(r).toBeLessThanOrEqual(Math.abs(held));
        expect(r).toBeLessThanOrEqual(requested + 4 * EPS * requested);
        expectOnGrid(r, s);
        expect(Math.min(requested, Math.abs(held)) - r).toBeLessThan(s + 4 * EPS * Math.abs(held) + 4 * EPS * requested);
      }),
      RUNS,
    );
  });
});

describe('non-finite input (property)', () => {
  it('every helper throws instead of returning NaN', () => {
    const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    fc.assert(
      fc.property(bad, step, (x, s) => {
        expect(() => roundToStep(x, s)).toThrow(RangeError);
        expect(() => roundToStep(s, x)).toThrow(RangeError);
        expect(() => floorToStep(x, s)).toThrow(RangeError);
        expect(() => floorToStep(s, x)).toThrow(RangeError);
        expect(() => floorToHeld(s, x, s)).toThrow(RangeError);
        expect(() => floorToHeld(x, s, s)).toThrow(RangeError);
        expect(() => roundPriceToTick(x, { tickSize: s })).toThrow(RangeError);
        expect(() => roundPriceToTick(s, { tickSize: x })).toThrow(RangeError);
        expect(() => roundTo(x, 2)).toThrow(RangeError);
        expect(() => roundQuote(x)).toThrow(RangeError);
        expect(() => roundSignificant(x, 3)).toThrow(RangeError);
      }),
      { numRuns: 50 },
    );
  });
});
