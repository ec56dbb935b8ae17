import { describe, expect, it } from 'vitest';
import { loadCcxt } from './load-ccxt.ts';
import { prepareOrder } from './order-rules.ts';

const ORDER = { clientOrderId: 'sr-1', symbol: 'XYZ/USDT', side: 'BUY' as const, type: 'MARKET' as const, qty: 1.23456, price: null };

/** A ccxt exchange with one market whose precision is given in significant digits (as some exchanges do). */
async function exchangeWithSignificantDigits() {
  const ccxt = await loadCcxt();
  const exchange = new ccxt.binance();
  exchange.precisionMode = 3; // SIGNIFICANT_DIGITS
  exchange.setMarkets([
    { id: 'XYZUSDT', symbol: 'XYZ/USDT', base: 'XYZ', quote: 'USDT', baseId: 'XYZ', quoteId: 'USDT', active: true, type: 'spot', spot: true, precision: { amount: 3, price: 4 }, limits: {} },
  ] as never);
  return exchange;
}

describe('an order on a market whose quantity step StoxRobot cannot know', () => {
  it('is refused with the reason before anything is sent, rather than stored as asked and sent rounded', async () => {
    const result = prepareOrder(await exchangeWithSignificantDigits(), ORDER);
    expect(result).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Binance gives XYZ/USDT no quantity step StoxRobot can use (precision 3), so its orders cannot be sized exactly' } });
  });
});
