import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { applyMarketRules } from './paper-rules.ts';

const PEPE: Instrument = { venue: 'paper', symbol: 'PEPE/USDT', base: 'PEPE', quote: 'USDT', tickSize: 1e-8, stepSize: 1, minNotional: 1 };
const BTC: Instrument = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 1e-5, minNotional: 0 };

describe('paper market rules', () => {
  it('refuses a quantity or price that is not a positive finite number, in plain words', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, 0]) {
      expect(applyMarketRules(BTC, bad, 100)).toEqual({ ok: false, reason: `Quantity ${bad} is not a positive number of BTC` });
      expect(applyMarketRules(BTC, 1, bad)).toEqual({ ok: false, reason: `Price ${bad} is not a positive number of USDT` });
    }
  });

  it('rounds a tiny price to its 1e-8 tick and a quantity down to its step', () => {
    // 123456.9 PEPE floored to 123456; 0.0000123456789 to 0.00001235; value 1.5247... USDT
    expect(applyMarketRules(PEPE, 123456.9, 0.0000123456789)).toEqual({ ok: true, qty: 123456, price: 0.00001235 });
  });

  it('refuses a price that rounds to zero even when the venue has no minimum value', () => {
    expect(applyMarketRules(BTC, 1, 0.004)).toEqual({ ok: false, reason: 'Price 0.004 USDT is below the smallest tick 0.01 USDT' });
  });

  it('writes small amounts as decimals, never as 1e-7 or 0.00', () => {
    expect(applyMarketRules(BTC, 1e-7, 100)).toEqual({ ok: false, reason: 'Quantity 0.0000001 BTC is below the smallest step 0.00001 BTC' });
    expect(applyMarketRules(PEPE, 1, 0.00000123)).toEqual({ ok: false, reason: 'Order value 0.00000123 USDT is below the minimum 1 USDT' });
  });
});
