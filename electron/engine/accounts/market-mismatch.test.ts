import { describe, expect, it } from 'vitest';
import { marketMismatch } from './market-mismatch.ts';

describe('an exchange account and the market its prices come from', () => {
  it('trades the paper account on any market, and an exchange account only on its own exchange’s', () => {
    expect(marketMismatch('paper', undefined, null)).toBeNull();
    expect(marketMismatch('paper', undefined, 'binance')).toBeNull();
    expect(marketMismatch('binance-main', 'binance', 'binance')).toBeNull();
    expect(marketMismatch('binance-main', 'binance', null)).toBe(
      'Account binance-main trades on binance, but prices come from the simulated market: its bots and alerts would act on other prices. Set the market source to binance on the Symbols page and restart.',
    );
    expect(marketMismatch('okx-main', 'okx', 'binance')).toMatch(/^Account okx-main trades on okx, but prices come from binance:/);
  });
});
