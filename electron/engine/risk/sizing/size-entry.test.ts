import { describe, expect, it } from 'vitest';
import { sizeEntry, type EntrySizeInput } from './size-entry.ts';

const SOL = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.01, minNotional: 5 };
const input = (over: Partial<EntrySizeInput>): EntrySizeInput => ({ mode: 'base', amount: null, orderQty: 1, px: 100, equity: 10_000, stop: null, multiplier: 1, instrument: SOL, ...over });
const refusal = (over: Partial<EntrySizeInput>) => {
  const sized = sizeEntry(input(over));
  return sized.ok ? `sized ${sized.value}` : sized.error.message;
};

describe('one entry’s size', () => {
  it('trades the order size in base mode, rounded down to the step', () => {
    expect(sizeEntry(input({ orderQty: 1.239 }))).toEqual({ ok: true, value: 1.23 });
  });

  it('spends the quote amount at the price', () => {
    expect(sizeEntry(input({ mode: 'quote', amount: 250, px: 80 }))).toEqual({ ok: true, value: 3.12 });
  });

  it('spends a percent of equity', () => {
    expect(sizeEntry(input({ mode: 'percent_equity', amount: 5, px: 100 }))).toEqual({ ok: true, value: 5 });
  });

  it('risks a percent of equity at the stop distance, long or short', () => {
    expect(sizeEntry(input({ mode: 'risk', amount: 1, px: 100, stop: 95 }))).toEqual({ ok: true, value: 20 });
    expect(sizeEntry(input({ mode: 'risk', amount: 1, px: 100, stop: 104 }))).toEqual({ ok: true, value: 25 });
  });

  it('applies the symbol’s risk multiplier before the step', () => {
    expect(sizeEntry(input({ mode: 'risk', amount: 1, px: 100, stop: 95, multiplier: 0.5 }))).toEqual({ ok: true, value: 10 });
    expect(sizeEntry(input({ mode: 'quote', amount: 100, px: 3, multiplier: 2 }))).toEqual({ ok: true, value: 66.66 });
  });

  it('refuses risk-based sizing without a stop, saying what to do', () => {
    expect(refusal({ mode: 'risk', amount: 1 })).toMatch(/^Risk-based sizing needs a stop-loss/);
  });

  it('refuses a stop at the entry price or not a number', () => {
    expect(refusal({ mode: 'risk', amount: 1, stop: 100 })).toBe('The stop-loss 100 is not a usable distance from the entry price 100 USDT, so the risk cannot be sized');
    expect(refusal({ mode: 'risk', amount: 1, stop: Number.NaN })).toMatch(/not a usable distance/);
  });

  it('refuses below the venue minimum with the numbers', () => {
    expect(refusal({ mode: 'quote', amount: 4 })).toBe('4.00 USDT at 100 USDT gives 0.04 SOL: 0.04 SOL is worth 4.00 USDT at 100.00, below the 5 USDT minimum');
    expect(refusal({ mode: 'quote', amount: 0.5 })).toBe('0.50 USDT at 100 USDT gives 0.005 SOL: 0.005 SOL is below the smallest order of 0.01 SOL');
  });

  it('refuses percent modes while equity cannot be valued, or is gone', () => {
    expect(refusal({ mode: 'percent_equity', amount: 5, equity: null })).toMatch(/equity cannot be valued yet/);
    expect(refusal({ mode: 'percent_equity', amount: 5, equity: -3 })).toBe('The account’s equity is -3.00 USDT; sizing by a percent of it needs it above zero');
  });

  it('refuses NaN and infinite inputs instead of sizing them', () => {
    expect(refusal({ px: Number.NaN })).toBe('No usable price for SOL/USDT to size the entry at (got NaN)');
    expect(refusal({ px: Number.POSITIVE_INFINITY })).toMatch(/No usable price/);
    expect(refusal({ mode: 'quote', amount: Number.POSITIVE_INFINITY })).toBe('The sizing amount Infinity is not a positive number');
    expect(refusal({ multiplier: Number.NaN })).toBe('The risk multiplier NaN of SOL/USDT is not between 0 and 10');
    expect(refusal({ mode: 'percent_equity', amount: 5, equity: Number.POSITIVE_INFINITY })).toMatch(/equity cannot be valued/);
    expect(refusal({ mode: 'risk', amount: 100, equity: 1e300, stop: 100 - 1e-12, px: 100 })).toMatch(/gives no quantity that can be traded/);
  });
});
