import { describe, expect, it } from 'vitest';
import { Funds, type FundingOrder } from './funds.ts';
import { currencyMarks } from './valuation.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };

function fundsOf(totals: Record<string, number>, openOrders: Partial<FundingOrder>[], last: number | null = 100) {
  const lastPrice = () => last;
  const orders = openOrders.map((o, i) => ({ clientOrderId: `o${i}`, symbol: 'BTC/USDT', side: 'BUY' as const, type: 'LIMIT' as const, qty: 1, filledQty: 0, price: 100, tsInit: i, ...o }));
  const input = { currency: 'USDT', totals: new Map(Object.entries(totals)), instruments: new Map([[BTC.symbol, BTC]]), lastPrice, mark: currencyMarks('USDT', [BTC], lastPrice), takerFee: 0.001 };
  return Funds.of(input, orders);
}
const order = (o: Partial<FundingOrder>): FundingOrder => ({ clientOrderId: 'new', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1, filledQty: 0, price: null, tsInit: 99, ...o });

describe('funds derived from balances and open orders', () => {
  it('reserves only what is left of a partly filled buy', () => {
    const funds = fundsOf({ USDT: 1_000 }, [{ qty: 5, filledQty: 3, price: 90 }]);
    if (typeof funds === 'string') throw new Error(funds);
    expect(funds.reserved('USDT')).toBeCloseTo(2 * 90 * 1.001, 10);
  });

  it('lets sells take the base held first, oldest order first, and asks collateral only for the rest', () => {
    const funds = fundsOf({ USDT: 1_000, BTC: 1.5 }, [
      { side: 'SELL', qty: 1, price: 110, tsInit: 2 },
      { side: 'SELL', qty: 1, price: 120, tsInit: 1 },
    ]);
    if (typeof funds === 'string') throw new Error(funds);
    // The older order (at 120) sells 1 held BTC; the newer one sells 0.5 held and 0.5 short at 110.
    expect(funds.reserved('BTC')).toBe(1.5);
    expect(funds.reserved('USDT')).toBeCloseTo(0.5 * 110 * 1.001, 10);
    expect(funds.need(order({ side: 'SELL', qty: 2 }))).toMatchObject({ opening: 2, amount: expect.closeTo(2 * 101 * 1.001, 9) });
  });

  it('needs nothing for a buy that only buys back a short, and holds the short at twice its notional', () => {
    const funds = fundsOf({ USDT: 1_300, BTC: -3 }, []);
    if (typeof funds === 'string') throw new Error(funds);
    expect(funds.heldForShorts).toBe(600);
    expect(funds.free('USDT')).toBe(700);
    expect(funds.need(order({ qty: 3 }))).toMatchObject({ opening: 0, amount: 0 });
    expect(funds.need(order({ qty: 4 }))).toMatchObject({ opening: 1, amount: expect.closeTo(101 * 1.001, 9) });
  });

  it('says so when a market order or a short cannot be priced yet', () => {
    expect(fundsOf({ USDT: 1_000, BTC: -1 }, [], null)).toBe('No market price for BTC yet, so the short BTC position cannot be valued');
    const funds = fundsOf({ USDT: 1_000 }, [], null);
    if (typeof funds === 'string') throw new Error(funds);
    expect(funds.need(order({}))).toBe('No market price for BTC/USDT yet');
    expect(funds.need(order({ symbol: 'DOGE/USDT' }))).toBe('Unknown symbol DOGE/USDT');
  });

  it('counts a stop at its worst: a buy stop at the higher of its trigger and the market, plus headroom; a stop-limit at its limit', () => {
    const funds = fundsOf({ USDT: 10_000 }, [
      { type: 'STOP', price: null, triggerPrice: 120, qty: 1 },
      { type: 'STOP_LIMIT', price: 130, triggerPrice: 125, qty: 1 },
    ]);
    if (typeof funds === 'string') throw new Error(funds);
    // 120 × 1.01 = 121.2 (the trigger is above the last price 100), and 130: each plus the 0.1 % fee.
    expect(funds.reserved('USDT')).toBeCloseTo((121.2 + 130) * 1.001, 9);
    expect(funds.reservingOrders('USDT')).toBe(2);
    // A stop whose trigger is below the market is counted at the market (a gap fills there).
    expect(funds.need(order({ type: 'STOP', triggerPrice: 50 }))).toMatchObject({ amount: expect.closeTo(101 * 1.001, 9) });
  });
});
