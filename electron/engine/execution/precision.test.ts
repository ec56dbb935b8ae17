import { describe, expect, it } from 'vitest';
import { floorToHeld, floorToStep, formatAmount, roundPriceToTick, roundQuote, roundSignificant, roundTo, roundToStep } from './precision.ts';

describe('precision regressions (hand-picked)', () => {
  it('keeps small non-zero values instead of returning NaN (the old helpers built "1e-7e8")', () => {
    expect(roundTo(1e-7, 8)).toBe(1e-7);
    expect(roundQuote(1e-7)).toBe(1e-7);
    expect(roundQuote(5e-9)).toBe(1e-8); // half a unit of the 8th decimal rounds away from zero
    expect(roundQuote(-5e-9)).toBe(-1e-8);
    expect(roundQuote(4.9e-9)).toBe(0);
    expect(floorToStep(1e-7, 1e-8)).toBe(1e-7);
    expect(roundPriceToTick(5e-9, { tickSize: 1e-9 })).toBe(5e-9);
  });

  it('rounds decimally: 1.005 is 1.01, 0.1 + 0.2 is 0.3', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(0.1 + 0.2, 8)).toBe(0.3);
    expect(roundToStep(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(floorToStep(0.1 + 0.2, 0.1)).toBe(0.3);
  });

  it('reads float noise below a step as the step, but takes a clean value at its word', () => {
    expect(floorToStep(0.7 + 0.1, 0.1)).toBe(0.8); // 0.7999999999999999
    expect(floorToStep(30 / 0.1, 1)).toBe(300); // 299.99999999999994
    expect(floorToStep(1.9999999996, 1)).toBe(1); // the old helper sold 2 of 1.9999999996
    expect(floorToStep(0.0999, 0.001)).toBe(0.099);
  });

  it('handles huge values and steps finer than a double can show', () => {
    expect(roundToStep(123456789.123456789, 1e-8)).toBe(123456789.12345679);
    expect(floorToStep(123456789.123456789, 0.001)).toBe(123456789.123);
    expect(roundTo(1e21, 2)).toBe(1e21);
    expect(roundQuote(1e12 + 0.123456789)).toBe(1e12 + 0.123456789); // 1e-8 is finer than this double: unchanged
    expect(roundToStep(1e12, 1000)).toBe(1e12);
  });

  it('rounds negative values symmetrically and floors them toward minus infinity', () => {
    expect(roundToStep(-2.5, 1)).toBe(-3);
    expect(roundToStep(-0.004, 0.01)).toBe(0); // never -0
    expect(Object.is(roundTo(-1e-12, 8), 0)).toBe(true);
    expect(floorToStep(-0.15, 0.1)).toBe(-0.2);
  });

  it('never closes more than is held, even when the request is float noise above it', () => {
    expect(floorToHeld(0.5, 0.3, 0.1)).toBe(0.3);
    expect(floorToHeld(0.2, -0.3, 0.1)).toBe(0.2);
    expect(floorToHeld(2354, 2353.3100000000004, 0.0001)).toBe(2353.31);
    expect(floorToHeld(1, 0.99999999999, 0.5)).toBe(0.5);
    expect(() => floorToHeld(-1, 1, 0.1)).toThrow(RangeError);
  });

  it('rounds to tick sizes that are not powers of ten', () => {
    expect(roundPriceToTick(100.37, { tickSize: 0.25 })).toBe(100.25);
    expect(roundPriceToTick(100.38, { tickSize: 0.25 })).toBe(100.5);
    expect(floorToStep(7.9, 2.5)).toBe(7.5);
  });

  it('keeps significant digits for ratios of any scale', () => {
    expect(roundSignificant(320 / 3, 15)).toBe(106.666666666667);
    expect(roundSignificant(0.000000012345678, 3)).toBe(1.23e-8);
    expect(roundSignificant(-98765, 2)).toBe(-99000);
  });

  it('refuses a non-finite value, step or precision with a RangeError (a bug, never stored)', () => {
    expect(() => roundTo(Number.NaN, 8)).toThrow('not a finite number');
    expect(() => roundTo(1, 2.5)).toThrow(RangeError);
    expect(() => floorToStep(1, 0)).toThrow('positive finite');
    expect(() => floorToStep(1, -0.1)).toThrow(RangeError);
    expect(() => roundSignificant(1, 0)).toThrow(RangeError);
  });

  it('formats amounts for messages without exponents or float noise', () => {
    expect(formatAmount(1e-7)).toBe('0.0000001');
    expect(formatAmount(0.1 + 0.2)).toBe('0.3');
    expect(formatAmount(100, 0)).toBe('100');
    expect(formatAmount(12.5, 2)).toBe('12.5');
    expect(formatAmount(1, 8, 2)).toBe('1.00');
    expect(formatAmount(2.5025, 8, 2)).toBe('2.5025');
    expect(formatAmount(-0.000001, 8, 2)).toBe('-0.000001');
    expect(formatAmount(Number.NaN)).toBe('NaN');
  });
});
