import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../shared/domain/instrument.ts';
import { accountCurrency, decimalsOf, formatMoney, formatPrice, formatQty, roundMoney } from './format.ts';

const BTC: Instrument = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5 };

describe('number formatting', () => {
  it('reads the decimals of tick and step sizes however they are written', () => {
    expect([0.01, 0.00001, 1e-8, 0.5, 1, 10, 0.25].map(decimalsOf)).toEqual([2, 5, 8, 1, 0, 0, 2]);
    expect([0, -1, Number.NaN, Number.POSITIVE_INFINITY].map(decimalsOf)).toEqual([0, 0, 0, 0]);
  });

  it('writes thousands separators, the instrument’s decimals and the currency', () => {
    expect(formatMoney(1234567.891, 'USDT')).toBe('1,234,567.89 USDT');
    expect(formatMoney(-12.5, 'USDT')).toBe('-12.50 USDT');
    expect(formatPrice(65432.1, BTC)).toBe('65,432.10');
    expect(formatQty(0.0123, BTC)).toBe('0.01230');
    expect(formatQty(12345, BTC)).toBe('12,345.00000');
  });

  it('never shows -0.00, float noise, NaN or Infinity', () => {
    expect(formatMoney(-0.001, 'USDT')).toBe('0.00 USDT');
    expect(formatMoney(-0, 'USDT')).toBe('0.00 USDT');
    expect([-0.005, 1.005, -0.0049].map(roundMoney)).toEqual([-0.01, 1.01, 0]);
    expect(formatPrice(0.1 + 0.2, BTC)).toBe('0.30');
    expect([Number.NaN, Number.POSITIVE_INFINITY, null, undefined].map((v) => formatMoney(v, 'USDT'))).toEqual(['—', '—', '—', '—']);
    expect(formatQty(1e-9, BTC)).toBe('0.00000');
    expect(formatPrice(1e15, BTC)).toBe('1,000,000,000,000,000.00');
  });

  it('colours by the value as shown: the sign of roundMoney agrees with the text', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (value) => {
        const text = formatMoney(value, 'USDT');
        const rounded = roundMoney(value);
        expect(text.startsWith('-')).toBe(rounded < 0);
        expect(rounded === 0).toBe(text === '0.00 USDT');
        expect(formatMoney(rounded, 'USDT')).toBe(text);
      }),
    );
  });

  it('names the account currency only when every instrument shares it', () => {
    expect(accountCurrency([BTC, { ...BTC, symbol: 'ETH/USDT' }])).toBe('USDT');
    expect(accountCurrency([BTC, { ...BTC, quote: 'EUR' }])).toBe('');
  });
});
