import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stopOrderProblem } from './stop-checks.ts';

const stop = { symbol: 'BTC/USDT', side: 'SELL' as const, type: 'STOP' as const, price: null, triggerPrice: 95 };

describe('stop order checks', () => {
  it('passes a sell stop below the last price and a buy stop above it', () => {
    expect(stopOrderProblem(stop, 100)).toBeNull();
    expect(stopOrderProblem({ ...stop, side: 'BUY', triggerPrice: 105 }, 100)).toBeNull();
    expect(stopOrderProblem({ ...stop, type: 'STOP_LIMIT', price: 94 }, 100)).toBeNull();
  });

  it('leaves the trigger to the venue when no price is known yet', () => {
    expect(stopOrderProblem({ ...stop, triggerPrice: 1e6 }, null)).toBeNull();
  });

  it('refuses the shapes that make no sense, in words', () => {
    expect(stopOrderProblem({ ...stop, type: 'MARKET', triggerPrice: 95 }, 100)).toBe('Only stop orders take a trigger price; a MARKET order does not');
    expect(stopOrderProblem({ ...stop, type: 'STOP_LIMIT' }, 100)).toBe('A stop-limit order needs a limit price above 0, not null');
    expect(stopOrderProblem({ ...stop, price: 94 }, 100)).toBe('A stop (market) order takes no limit price; use a stop-limit order');
    for (const triggerPrice of [null, 0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(stopOrderProblem({ ...stop, triggerPrice }, 100)).toMatch(/^A stop order needs a trigger price above 0/);
  });

  it('says both prices without an exponent, however tiny or huge', () => {
    expect(stopOrderProblem({ ...stop, triggerPrice: 0.00000012 }, 0.0000001)).toBe('A sell stop triggers when the price falls to it: the trigger 0.00000012 must be below the last BTC/USDT price 0.0000001');
    expect(stopOrderProblem({ ...stop, side: 'BUY', triggerPrice: 1e14 }, 2e14)).toBe('A buy stop triggers when the price rises to it: the trigger 100000000000000 must be above the last BTC/USDT price 200000000000000');
  });

  it('refuses exactly the triggers already reached (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 1e12, noNaN: true }), fc.double({ min: 1e-8, max: 1e12, noNaN: true }), fc.boolean(), (trigger, last, buy) => {
        const problem = stopOrderProblem({ ...stop, side: buy ? 'BUY' : 'SELL', triggerPrice: trigger }, last);
        expect(problem === null).toBe(buy ? trigger > last : trigger < last);
      }),
    );
  });
});
