import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount, money, signed } from './notify-event.ts';

describe('numbers in notifications', () => {
  it('shows tiny and huge amounts in plain digits, without float noise', () => {
    expect(amount(0.1 + 0.2)).toBe('0.3');
    expect(amount(1e-9)).toBe('0.000000001');
    expect(amount(123_456_789_012)).toBe('123456789012');
    expect(amount(100.05)).toBe('100.05');
    expect(amount(Number.NaN)).toBe('unknown');
    expect(money(Number.POSITIVE_INFINITY)).toBe('unknown');
    expect(money(6.1949999)).toBe('6.19');
    expect(signed(-6.19, 'USDT')).toBe('-6.19 USDT');
    expect(signed(0, 'USDT')).toBe('0.00 USDT');
    expect(signed(12.5, 'USDT')).toBe('+12.50 USDT');
  });

  it('never writes an exponent and reads back within 12 significant digits', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (value) => {
        const text = amount(value);
        expect(text).not.toMatch(/e/i);
        expect(Math.abs(Number(text) - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-11 + Number.MIN_VALUE);
      }),
    );
  });
});
