import { describe, expect, it } from 'vitest';
import { governorHarness } from './testing/harness.ts';

describe('max open positions, across every bot of the account', () => {
  it('lets the account hold exactly the limit, refuses one more with the count, and never blocks adding to or closing a held position', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxOpenPositions: 2 });
    expect((await h.buy('b1', 1)).status).toBe('FILLED');
    expect((await h.buy('b2', 1)).status).toBe('FILLED');
    expect(await h.buy('b3', 1)).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'Max open positions 2 reached: the account already has 2 (positions held or orders that may still fill), so BUY 1 BTC/USDT would open one more',
    });
    expect((await h.buy('b1', 1)).status).toBe('FILLED'); // adds to a position already counted
    expect((await h.sell('b2', 1)).status).toBe('FILLED'); // a plain sell that closes: not an entry
    expect((await h.buy('b3', 1)).status).toBe('FILLED'); // one slot free again
  });

  it('counts a resting limit order as a position about to open', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxOpenPositions: 1 });
    expect((await h.buy('b1', 1, { type: 'LIMIT', price: 90 })).status).toBe('ACCEPTED');
    expect((await h.buy('b2', 1)).status).toBe('REJECTED');
  });

  it('zero means no position at all', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxOpenPositions: 0 });
    expect((await h.buy('b1', 0.1)).rejectReason).toContain('Max open positions 0 reached');
  });
});

describe('exposure in the account currency, open orders at worst case', () => {
  it('per symbol: exactly at the limit goes, a cent over is refused with both figures', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxSymbolExposure: 1000 });
    expect((await h.buy('b1', 10)).status).toBe('FILLED'); // 10 BTC at 100 = 1,000.00 USDT
    expect(await h.buy('b2', 0.0001)).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'Max exposure per symbol 1,000.00 USDT: BUY 0.0001 BTC/USDT would bring BTC/USDT to 1,000.01 USDT at worst (now 1,000.00 USDT; orders counted at their limit price, or the last price for market orders; a stop at its trigger when that is higher)',
    });
    expect((await h.orders.place({ botId: 'b2', symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 50 })).status).toBe('FILLED'); // another symbol
  });

  it('counts a resting limit buy at its limit price', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxSymbolExposure: 1000 });
    expect((await h.buy('b1', 5, { type: 'LIMIT', price: 99 })).status).toBe('ACCEPTED'); // 495 (500 at the last price)
    expect((await h.buy('b2', 5.06)).rejectReason).toContain('would bring BTC/USDT to 1,001.00 USDT at worst (now 495.00 USDT');
    expect((await h.buy('b2', 5.05)).status).toBe('FILLED'); // 495 + 505: exactly at the limit
  });

  it('total: positions at the last price, long and short, plus orders', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxTotalExposure: 1500 });
    expect((await h.buy('b1', 10)).status).toBe('FILLED'); // 1,000
    expect((await h.orders.place({ botId: 'b2', symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 50 })).status).toBe('FILLED'); // 500
    expect(await h.orders.place({ botId: 'b3', symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 0.01 })).toMatchObject({
      status: 'REJECTED',
      rejectReason: expect.stringContaining('Max total exposure 1,500.00 USDT: BUY 0.01 ETH/USDT would bring the account to 1,500.10 USDT at worst (now 1,500.00 USDT'),
    });
    h.setPrice('BTC/USDT', 120); // the mark moved: 1,200 + 500
    expect((await h.sell('b1', 1)).status).toBe('FILLED'); // lowering the figure always goes, even above the limit
    expect((await h.orders.place({ botId: 'b3', symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 0.01 })).status).toBe('REJECTED');
  });

  it('an order too large to count is refused, never let through', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxTotalExposure: 1e15 });
    expect((await h.buy('b1', 1e300, { type: 'LIMIT', price: 1e300 })).rejectReason).toContain('too large to count');
  });
});

describe('fail closed on market data', () => {
  it('refuses an entry with no price for its symbol, or a price older than the limit, and takes it once fresh', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxPriceAgeSeconds: 120 });
    expect((await h.orders.place({ botId: 'b1', symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 })).rejectReason).toBe(
      'There is no SOL/USDT price yet, so the risk limits cannot be checked; entries are refused until market data arrives',
    );
    h.wall.advance(120_000);
    expect((await h.buy('b1', 0.1)).status).toBe('FILLED'); // exactly 120 s: still fresh
    h.wall.advance(1_000);
    expect((await h.buy('b1', 0.1)).rejectReason).toBe('The last BTC/USDT price is 121 s old (limit 120 s), so the risk limits cannot be checked; entries are refused until market data is fresh');
    expect((await h.sell('b1', 0.1)).status).toBe('FILLED'); // a close is never held back by stale data
    h.setPrice('BTC/USDT', 100);
    expect((await h.buy('b1', 0.1)).status).toBe('FILLED');
  });

  it('an account without limits is left alone', async () => {
    const h = await governorHarness();
    h.wall.advance(3_600_000);
    expect((await h.buy('b1', 0.1)).status).toBe('FILLED');
  });
});
