import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBinanceOptions } from './ccxt-options.ts';
import { type FakeBinance, startFakeBinance } from './server.ts';

// The real ccxt Binance client against the fake: proves the fake speaks enough of Binance for ccxt.
let fake: FakeBinance;
beforeEach(async () => {
  fake = await startFakeBinance();
});
afterEach(async () => {
  await fake.close();
});

async function client(keys: { apiKey: string; secret: string } = fake.keys, timeoutMs?: number) {
  const ccxt = await import('ccxt');
  return new ccxt.binance({ ...(await fakeBinanceOptions(fake.url, timeoutMs)), ...keys, enableRateLimit: false });
}

describe('fake Binance through the real ccxt client', () => {
  it('lists markets with their precision, minimums and status', async () => {
    const markets = await (await client()).loadMarkets();
    expect(markets['BTC/USDT']).toMatchObject({ active: true, precision: { price: 0.01, amount: 0.00001 }, limits: { cost: { min: 5 } } });
    expect(markets['ETH/BTC']?.limits.cost?.min).toBe(0.0001);
    expect(markets['LUNA/USDT']?.active).toBe(false);
    expect(fake.requests.map((r) => r.endpoint)).toEqual(['GET /api/v3/exchangeInfo']);
  });

  it('serves tickers and candles paged by since and limit', async () => {
    const ex = await client();
    expect((await ex.fetchTicker('BTC/USDT')).last).toBe(50_000);
    const since = Date.now() - 10 * 60_000;
    const bars = await ex.fetchOHLCV('BTC/USDT', '1m', since, 3);
    expect(bars).toHaveLength(3);
    expect((bars[0]?.[0] ?? 0) >= since && (bars[0]?.[0] ?? 0) % 60_000 === 0).toBe(true);
    expect((bars[1]?.[0] ?? 0) - (bars[0]?.[0] ?? 0)).toBe(60_000);
  });

  it('fills a market order in parts, with our client id and the exchange trade ids', async () => {
    const ex = await client();
    fake.book.marketFillParts = 3;
    const order = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.003, undefined, { newClientOrderId: 'sr-test-1' });
    expect(order).toMatchObject({ clientOrderId: 'sr-test-1', status: 'closed', filled: 0.003 });
    expect(order.trades).toHaveLength(3);
    const trades = await ex.fetchMyTrades('BTC/USDT');
    expect(trades.map((t) => t.id)).toEqual(order.trades.map((t) => t.id));
    expect(fake.book.balance('BTC').free).toBeCloseTo(10.003, 8);
  });

  it('rests a limit order until the price crosses it, finds it by client id, cancels what is left', async () => {
    const ex = await client();
    await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000, { newClientOrderId: 'sr-test-2' });
    expect(fake.book.balance('USDT').locked).toBeCloseTo(490, 6);
    fake.book.fillPartially('sr-test-2', 0.004);
    const seen = await ex.fetchOrder(undefined as unknown as string, 'BTC/USDT', { origClientOrderId: 'sr-test-2' });
    expect(seen).toMatchObject({ status: 'open', filled: 0.004, remaining: 0.006 });
    const canceled = await ex.cancelOrder(undefined as unknown as string, 'BTC/USDT', { origClientOrderId: 'sr-test-2' });
    expect(canceled.status).toBe('canceled');
    expect(canceled.info.origClientOrderId).toBe('sr-test-2');
    expect(fake.book.balance('USDT').locked).toBeCloseTo(0, 6);
    await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 51_000, { newClientOrderId: 'sr-test-3' });
    fake.book.setPrice('BTCUSDT', 51_500);
    expect((await ex.fetchOrder(undefined as unknown as string, 'BTC/USDT', { origClientOrderId: 'sr-test-3' })).status).toBe('closed');
  });

  it('keeps client ids unique among open orders only, as Binance does', async () => {
    const ex = await client();
    await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 40_000, { newClientOrderId: 'sr-dup' });
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 40_000, { newClientOrderId: 'sr-dup' })).rejects.toThrow(/Duplicate order sent/);
    await ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { newClientOrderId: 'sr-filled' });
    await ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { newClientOrderId: 'sr-filled' });
    expect(fake.book.countByClientId('sr-filled')).toBe(2);
  });

  it('refuses a wrong key and a wrong signature with Binance codes', async () => {
    await expect((await client({ apiKey: 'nope', secret: fake.keys.secret })).fetchBalance()).rejects.toThrow(/-2015/);
    await expect((await client({ apiKey: fake.keys.apiKey, secret: 'wrong' })).fetchBalance()).rejects.toThrow(/-1022/);
    const balance = await (await client()).fetchBalance();
    expect(balance.USDT?.free).toBe(1_000_000);
  });

  it('refuses orders that break the filters and balance', async () => {
    const ex = await client();
    await expect(ex.createOrder('BTC/USDT', 'market', 'buy', 0.00001, undefined, { newClientOrderId: 'sr-small' })).rejects.toThrow(/NOTIONAL/);
    await expect(ex.createOrder('BTC/USDT', 'market', 'buy', 100, undefined, { newClientOrderId: 'sr-big' })).rejects.toThrow(/insufficient balance/);
    expect(fake.book.orders).toHaveLength(0);
  });

  it('injects rate limits, server errors, dropped connections and post-accept timeouts', async () => {
    const ex = await client(fake.keys, 300);
    await ex.loadMarkets();
    fake.fault({ kind: 'rate_limit', endpoint: 'GET /api/v3/account', times: 1, retryAfterSec: 2 });
    await expect(ex.fetchBalance()).rejects.toThrow(/429/);
    fake.fault({ kind: 'server_error', times: 1 });
    await expect(ex.fetchBalance()).rejects.toThrow(/-1000/);
    fake.fault({ kind: 'drop', times: 1 });
    await expect(ex.fetchBalance()).rejects.toThrow();
    fake.fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    await expect(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { newClientOrderId: 'sr-lost' })).rejects.toThrow(/timed out/);
    expect(fake.book.countByClientId('sr-lost')).toBe(1);
    fake.fault({ kind: 'duplicate_fill', endpoint: 'GET /api/v3/myTrades', times: 1 });
    const trades = await ex.fetchMyTrades('BTC/USDT');
    expect(trades).toHaveLength(2);
    expect(trades[0]?.id).toBe(trades[1]?.id);
  });
});
