import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors.ts';
import { startHeadlessServer, type HeadlessServer } from '../../headless/server.ts';
import { createEngine, type Engine } from '../index.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import type { ExchangeMarket, PublicMarketData } from '../venues/exchange.ts';

const TOKEN = 'symbols-test-token-0123456789';
const market = (symbol: string, quote = 'USDT'): ExchangeMarket => ({ symbol, base: symbol.split('/')[0] ?? '', quote, type: 'spot', active: true, tickSize: 0.01, stepSize: 0.001, minNotional: 5, minQty: 0.001 });
const data: PublicMarketData = {
  exchangeId: 'binance',
  // Odd markets an exchange may list: a symbol longer than the contract carries, a NaN tick size, a NaN minimum.
  markets: async () =>
    ok([market('BTC/USDT'), market('ETH/USDT'), market('ETH/BTC', 'BTC'), market(`${'X'.repeat(40)}/USDT`), { ...market('NAN/USDT'), tickSize: Number.NaN }, { ...market('ODD/USDT'), minNotional: Number.NaN }]),
  tickers: async () => ok([{ symbol: 'BTC/USDT', last: 65000, quoteVolume24h: 2e9 }, { symbol: 'ETH/USDT', last: 3200, quoteVolume24h: 1e9 }]),
  candles: async () => ok([]),
  close: async () => undefined,
};

describe('symbols over the REST API', () => {
  let engine: Engine;
  let server: HeadlessServer;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { message?: string } };
  };
  beforeAll(async () => {
    const dir = tempDir();
    engine = await createEngine({ dataDir: dir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, publicData: { exchanges: async () => ['binance'], open: () => data } });
    server = await startHeadlessServer({ engine, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: dir });
  });
  afterAll(async () => {
    await server.close();
    await engine.stop();
  });

  it('discovers, enables a batch, sets a multiplier and disables, each answer the enabled list', async () => {
    expect((await call('GET', '/symbols/exchanges')).body).toEqual(['binance']);
    const found = await call('POST', '/symbols/discover', { exchangeId: 'binance', filters: { quote: 'usdt', types: ['spot'] } });
    expect(found.status).toBe(200);
    expect((found.body.markets as { symbol: string; minNotional: number }[]).map((m) => [m.symbol, m.minNotional])).toEqual([['BTC/USDT', 5], ['ETH/USDT', 5], ['ODD/USDT', 0]]);
    const enabled = await call('POST', '/symbols/binance/enable', { symbols: ['BTC/USDT', 'ETH/USDT'], riskMultiplier: 1.5 });
    expect(enabled.status).toBe(200);
    expect((await call('PUT', '/symbols/binance/risk-multiplier', { symbol: 'ETH/USDT', riskMultiplier: 10 })).status).toBe(200);
    const disabled = await call('POST', '/symbols/binance/disable', { symbols: ['BTC/USDT'] });
    expect(disabled.body).toMatchObject([{ symbol: 'ETH/USDT', riskMultiplier: 10, tickSize: 0.01, minNotional: 5 }]);
    expect((await call('GET', '/symbols/binance')).body).toEqual(disabled.body);
  });

  it.each([
    ['a multiplier of 0', 'PUT', '/symbols/binance/risk-multiplier', { symbol: 'ETH/USDT', riskMultiplier: 0 }, 'The risk multiplier must be above 0'],
    ['a multiplier above 10', 'PUT', '/symbols/binance/risk-multiplier', { symbol: 'ETH/USDT', riskMultiplier: 10.01 }, 'The risk multiplier is at most 10'],
    ['a multiplier that is not a number', 'PUT', '/symbols/binance/risk-multiplier', { symbol: 'ETH/USDT', riskMultiplier: '2' }, 'The risk multiplier must be a number'],
    ['a symbol twice in a batch', 'POST', '/symbols/binance/enable', { symbols: ['BTC/USDT', 'BTC/USDT'] }, 'Each symbol may appear once'],
    ['an empty batch', 'POST', '/symbols/binance/disable', { symbols: [] }, 'Pick at least one symbol'],
    ['an exchange id that is not one', 'GET', '/symbols/..%2Fetc', undefined, 'An exchange id is lower-case letters and digits'],
    ['a negative minimum volume', 'POST', '/symbols/discover', { exchangeId: 'binance', filters: { minQuoteVolume24h: -1 } }, 'filters.minQuoteVolume24h'],
  ])('refuses %s with 400 and says why', async (_name, method, path, body, words) => {
    const answer = await call(method, path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain(words);
  });

  it('answers 404 for an exchange the engine does not know, and for a multiplier on a symbol never enabled', async () => {
    const unknown = await call('POST', '/symbols/discover', { exchangeId: 'kraken' });
    expect([unknown.status, unknown.body.message]).toEqual([404, 'The engine does not know an exchange named "kraken" (it knows binance)']);
    expect((await call('PUT', '/symbols/binance/risk-multiplier', { symbol: 'ETH/BTC', riskMultiplier: 2 })).status).toBe(404);
  });
});
