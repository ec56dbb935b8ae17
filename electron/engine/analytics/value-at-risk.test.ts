import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historicalVaR } from './value-at-risk.ts';

/** Equity that moves by the given returns from a capital of 1,000. */
const equityFrom = (returns: number[]) => {
  let value = 1000;
  return returns.map((r) => (value *= 1 + r));
};

describe('historical VaR(95 %)', () => {
  it('is the first of the worst 5 % of returns: with 20 days, the single worst day', () => {
    const returns = [...Array.from({ length: 19 }, (_, i) => (i % 2 ? 0.01 : -0.005)), -0.04];
    expect(historicalVaR(equityFrom(returns), 1000)).toBeCloseTo(0.04, 12);
  });

  it('with 100 days, the fifth worst day (k = ceil(100 × 5 %))', () => {
    const returns = Array.from({ length: 100 }, (_, i) => (i < 10 ? -(i + 1) / 100 : 0.002));
    // Worst to best: -10 %, -9 %, -8 %, -7 %, -6 % (the fifth), ...
    expect(historicalVaR(equityFrom(returns), 1000)).toBeCloseTo(0.06, 12);
  });

  it('is zero when even the tail made money, and null below 20 days or without capital', () => {
    expect(historicalVaR(equityFrom(Array(30).fill(0.01)), 1000)).toBe(0);
    expect(historicalVaR(equityFrom(Array(19).fill(-0.01)), 1000)).toBeNull();
    expect(historicalVaR([1, 2, 3], 0)).toBeNull();
    expect(() => historicalVaR([1], 1, 1.5)).toThrow(RangeError);
  });

  it('never exceeds the worst loss and is never negative, whatever the series (tiny and huge values included)', () => {
    const returnArb = fc.double({ min: -0.99, max: 10, noNaN: true });
    fc.assert(
      fc.property(fc.array(returnArb, { minLength: 20, maxLength: 300 }), (returns) => {
        const value = historicalVaR(equityFrom(returns), 1000);
        expect(value).not.toBeNull();
        expect(value!).toBeGreaterThanOrEqual(0);
        expect(value!).toBeLessThanOrEqual(Math.max(0, -Math.min(...returns)) + 1e-9);
      }),
    );
  });
});
