import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../testing/recording-logger.ts';
import { createCcxtConnector } from './connector.ts';
import { fakeBinanceOptions } from './testing/fake-binance/ccxt-options.ts';
import { type FakeBinance, startFakeBinance } from './testing/fake-binance/server.ts';
import { VenueCallError } from './venue-call-error.ts';
import { venueOnFake } from './testing/venue-on-fake.ts';

let fake: FakeBinance;
beforeEach(async () => {
  fake = await startFakeBinance();
});
afterEach(async () => {
  await fake.close();
});

const connector = () => createCcxtConnector({ logger: recordingLogger(), venueSettings: { retries: 1, backoffMs: 5 } });
const account = async () => ({ accountId: 'acc-1', exchangeId: 'binance', sandbox: false, options: await fakeBinanceOptions(fake.url, 250) });

describe('ccxt connector', () => {
  it('lists the exchanges with the credentials each needs and whether it has a sandbox', async () => {
    const list = await connector().catalogue();
    expect(list.length).toBeGreaterThan(50);
    expect(list.find((e) => e.id === 'binance')).toEqual({ id: 'binance', name: 'Binance', credentials: ['apiKey', 'secret'], hasSandbox: true });
    expect(list.find((e) => e.id === 'okx')?.credentials).toEqual(['apiKey', 'secret', 'password']);
  });

  it('tests a connection: markets loaded and balances read', async () => {
    const result = await connector().testConnection(await account(), fake.keys);
    expect(result.ok && result.value.markets).toBe(4);
    expect(result.ok && result.value.balances.find((b) => b.currency === 'BTC')).toEqual({ currency: 'BTC', total: 10, free: 10 });
  });

  it('says plainly when the keys are refused, without the keys', async () => {
    const result = await connector().testConnection(await account(), { apiKey: 'WRONG-KEY-123456', secret: 'WRONG-SECRET-654321' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'REFUSED', message: 'Binance refused the API keys: Invalid API-key, IP, or permissions for action. Check the key, its permissions and its IP allow-list', details: { auth: true, exchangeCode: -2015 } },
    });
    const badSignature = await connector().testConnection(await account(), { apiKey: fake.keys.apiKey, secret: 'WRONG-SECRET-654321' });
    expect(badSignature.ok ? null : badSignature.error.details).toEqual({ auth: true, exchangeCode: -1022 });
  });

  it('says plainly when the exchange cannot be reached or the account is misconfigured', async () => {
    const down = await connector().testConnection({ ...(await account()), options: await fakeBinanceOptions('http://127.0.0.1:1', 250) }, fake.keys);
    expect(down.ok ? null : down.error.code).toBe('UNAVAILABLE');
    expect((await connector().testConnection({ ...(await account()), exchangeId: 'nope' }, fake.keys)).ok).toBe(false);
    expect((await connector().testConnection({ ...(await account()), exchangeId: '__proto__' }, fake.keys)).ok).toBe(false);
    const noSandbox = await connector().testConnection({ ...(await account()), exchangeId: 'kraken', sandbox: true }, fake.keys);
    expect(noSandbox).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Kraken has no testnet or sandbox in ccxt; turn the sandbox option off' } });
    const leaky = await connector().testConnection({ ...(await account()), options: { apiKey: 'x' } }, fake.keys);
    expect(leaky.ok ? null : leaky.error.code).toBe('INVALID_INPUT');
  });

  it('a market list that failed once is asked again (ccxt would keep the failure), and the venue opens', async () => {
    fake.fault({ kind: 'server_error', endpoint: 'GET /api/v3/exchangeInfo', times: 1 });
    const opened = await connector().openVenue(await account(), fake.keys);
    expect(opened.ok && opened.value.instruments().length).toBe(3);
    expect(fake.requests.filter((r) => r.endpoint === 'GET /api/v3/exchangeInfo')).toHaveLength(2);
    if (opened.ok) await opened.value.close();
  });

  it('a refused key on an open venue: auth failure on every call and one auth_failed event', async () => {
    const { venue, events } = await venueOnFake(fake, { credentials: { apiKey: 'WRONG-KEY-123456', secret: 'WRONG-SECRET-654321' }, rateLimit: false });
    const reply = await venue.submit({ clientOrderId: 'sr-auth', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.001, price: null });
    expect(reply.ok ? null : reply.error.details).toEqual({ auth: true, exchangeCode: -2015 });
    const read = await venue.balances().catch((error: unknown) => error);
    expect(read).toBeInstanceOf(VenueCallError);
    expect((read as VenueCallError).error.details?.auth).toBe(true);
    expect(events.filter((e) => e.kind === 'connection')).toMatchObject([{ kind: 'connection', state: 'auth_failed' }]);
    expect(fake.book.orders).toHaveLength(0);
    await venue.close();
  });

  it('serves public data without keys: markets with their rules, tickers, candles paged by since and limit', async () => {
    const data = connector().publicData({ exchangeId: 'binance', sandbox: false, options: await fakeBinanceOptions(fake.url) });
    const markets = await data.markets();
    expect(markets.ok && markets.value.find((m) => m.symbol === 'ETH/BTC')).toEqual({ symbol: 'ETH/BTC', base: 'ETH', quote: 'BTC', type: 'spot', active: true, tickSize: 0.00001, stepSize: 0.0001, minNotional: 0.0001, minQty: 0.0001 });
    expect(markets.ok && markets.value.find((m) => m.symbol === 'LUNA/USDT')?.active).toBe(false);
    const tickers = await data.tickers(['BTC/USDT', 'ETH/USDT']);
    expect(tickers.ok && tickers.value.map((t) => [t.symbol, t.last])).toEqual([['BTC/USDT', 50_000], ['ETH/USDT', 3_000]]);
    const since = Math.floor(Date.now() / 60_000) * 60_000 - 700 * 60_000;
    const candles = await data.candles('BTC/USDT', '1m', since, 650);
    expect(candles.ok && candles.value.length).toBe(650);
    const ts = candles.ok ? candles.value.map((c) => c.ts) : [];
    expect(ts[0]).toBe(since);
    expect(ts.every((t, i) => i === 0 || t - (ts[i - 1] ?? 0) === 60_000)).toBe(true);
    expect(fake.requests.filter((r) => r.endpoint === 'GET /api/v3/klines')).toHaveLength(3);
    expect(fake.requests.some((r) => r.endpoint === 'GET /api/v3/account')).toBe(false);
    await data.close();
  });
});
