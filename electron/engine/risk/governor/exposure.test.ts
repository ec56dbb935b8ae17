import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccountBook, openPositions, worstCaseExposure } from './exposure.ts';

const prices: Record<string, number> = { 'BTC/USDT': 100, 'ETH/USDT': 10 };
const px = (symbol: string) => prices[symbol] ?? null;
const order = (o: Partial<AccountBook['orders'][number]>) => ({ clientOrderId: 'o', botId: 'b1', symbol: 'BTC/USDT', side: 'BUY' as const, remainingQty: 1, price: null, ...o });

describe('worst-case exposure', () => {
  it('values positions at the last price, long and short alike, and adds symbols up', () => {
    const result = worstCaseExposure({ holdings: [{ botId: 'b1', symbol: 'BTC/USDT', netQty: 2 }, { botId: 'b2', symbol: 'ETH/USDT', netQty: -3 }], orders: [] }, px);
    expect(result).toEqual({ bySymbol: new Map([['BTC/USDT', 200], ['ETH/USDT', 30]]), total: 230 });
  });

  it('counts a limit buy at its limit price and a market buy at the last price', () => {
    const result = worstCaseExposure({ holdings: [], orders: [order({ price: 120 }), order({ botId: 'b2' })] }, px);
    expect(result).toMatchObject({ total: 220 });
  });

  it('a sell against a long does not add exposure unless it would flip the position past its size', () => {
    const long = { botId: 'b1', symbol: 'BTC/USDT', netQty: 2 };
    expect(worstCaseExposure({ holdings: [long], orders: [order({ side: 'SELL', remainingQty: 2 })] }, px)).toMatchObject({ total: 200 });
    expect(worstCaseExposure({ holdings: [long], orders: [order({ side: 'SELL', remainingQty: 5 })] }, px)).toMatchObject({ total: 300 });
    expect(worstCaseExposure({ holdings: [long], orders: [order({ side: 'SELL', remainingQty: 1 }), order({ side: 'BUY', remainingQty: 1 })] }, px)).toMatchObject({ total: 300 });
  });

  it('refuses to guess: a symbol with no price, or a value too large to count, is a problem, not a number', () => {
    expect(worstCaseExposure({ holdings: [{ botId: 'b1', symbol: 'XRP/USDT', netQty: 1 }], orders: [] }, px)).toEqual({ problem: 'There is no price for XRP/USDT yet' });
    expect(worstCaseExposure({ holdings: [], orders: [order({ remainingQty: 1e308, price: 1e10 })] }, px)).toEqual({ problem: 'The exposure in BTC/USDT is too large to count' });
  });

  it('never less than the positions alone, nor less than what any single order adds', () => {
    const book = fc.record({
      holdings: fc.array(fc.record({ botId: fc.constantFrom('b1', 'b2'), symbol: fc.constantFrom('BTC/USDT', 'ETH/USDT'), netQty: fc.double({ min: -100, max: 100, noNaN: true }) }), { maxLength: 4 }),
      orders: fc.array(fc.record({ clientOrderId: fc.constant('o'), botId: fc.constantFrom('b1', 'b2'), symbol: fc.constantFrom('BTC/USDT', 'ETH/USDT'), side: fc.constantFrom('BUY' as const, 'SELL' as const), remainingQty: fc.double({ min: 0, max: 100, noNaN: true }), price: fc.option(fc.double({ min: 1e-6, max: 1e6, noNaN: true })) }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(book, (b) => {
        const all = worstCaseExposure(b, px);
        const held = worstCaseExposure({ holdings: b.holdings, orders: [] }, px);
        if ('problem' in all || 'problem' in held) throw new Error('every symbol has a price');
        expect(all.total).toBeGreaterThanOrEqual(held.total - 1e-6);
      }),
    );
  });
});

describe('open positions', () => {
  it('counts each bot and symbol holding a position or an order that may still fill, once', () => {
    const book: AccountBook = {
      holdings: [{ botId: 'b1', symbol: 'BTC/USDT', netQty: 1 }, { botId: 'b2', symbol: 'BTC/USDT', netQty: 0 }],
      orders: [order({ botId: 'b1' }), order({ botId: 'b3' }), order({ botId: 'b4', remainingQty: 0 })],
    };
    expect(openPositions(book)).toBe(2);
  });
});

describe('exposure in the account currency', () => {
  it('turns a symbol quoted in another currency into the account’s at its mark, and refuses to guess a missing one', () => {
    const book: AccountBook = { holdings: [{ botId: 'b1', symbol: 'ETH/BTC', netQty: 2 }], orders: [] };
    const ethBtc = (s: string) => (s === 'ETH/BTC' ? 0.05 : null);
    expect(worstCaseExposure(book, ethBtc, (s) => (s === 'ETH/BTC' ? 60_000 : 1))).toMatchObject({ total: 6_000 });
    expect(worstCaseExposure(book, ethBtc, () => null)).toEqual({ problem: 'There is no price for ETH/BTC yet' });
  });
});
