import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, DATABASE_FILE, type Engine } from './index.ts';
import { publicDataFromConnector } from './market/symbols/connector-source.ts';
import { createCcxtConnector } from './venues/ccxt/connector.ts';
import { KeytarSecretStore } from './secrets/keytar-store.ts';
import { startKeyring, type TestKeyring } from './testing/keyring.ts';
import { recordingLogger } from './testing/recording-logger.ts';
import { tempDir } from './testing/temp-dir.ts';
import { fakeBinanceOptions } from './venues/ccxt/testing/fake-binance/ccxt-options.ts';
import { type FakeBinance, startFakeBinance } from './venues/ccxt/testing/fake-binance/server.ts';

const KEYS = { apiKey: 'AKIAFAKEKEY-live-0123456789-LEAKCHECK', secret: 'live-secret-0f1e2d3c4b5a-LEAKCHECK' };

let keyring: TestKeyring;
let fake: FakeBinance;
beforeAll(async () => {
  keyring = await startKeyring({ unlock: true });
  // libsecret reads the bus address when it first connects: before keytar is first loaded in this file.
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
  fake = await startFakeBinance({ keys: KEYS });
});
afterAll(async () => {
  await fake.close();
  await keyring.stop();
});

const rawFiles = (dir: string) => ['', '-wal', '-shm', '-journal'].map((suffix) => join(dir, DATABASE_FILE + suffix)).filter(existsSync).map((file) => readFileSync(file).toString('latin1'));
const occurrences = (text: string) => [KEYS.apiKey, KEYS.secret].map((secret) => text.split(secret).length - 1);

describe('an exchange account from its keys in the OS keychain to its venue, through the real ccxt client', () => {
  it('connects (markets loaded, reconciled), refuses bots while prices come from another market, and leaves no key behind', async () => {
    const dataDir = tempDir();
    const logger = recordingLogger();
    const secrets = new KeytarSecretStore({ logger, service: 'StoxRobot-live-account-test' });
    const engine = await createEngine({ dataDir, logger, startMarketTimer: false, webhook: { port: 0 }, secrets, environment: {} });
    const { exchangeAccounts, exchangeVenues, reconciliation, venues, bots } = engine.services;
    try {
      const created = await exchangeAccounts.create({ accountId: 'binance-main', exchangeId: 'binance', label: 'Main', sandbox: false, currency: 'USDT', options: await fakeBinanceOptions(fake.url), credentials: KEYS });
      expect(created).toMatchObject({ ok: true, value: { id: 'binance-main', configured: true, keySource: 'keychain', apiKeyLast4: KEYS.apiKey.slice(-4) } });

      await expect.poll(() => exchangeVenues.states()).toEqual([{ accountId: 'binance-main', connected: true, problem: null, retryAt: null }]);
      await reconciliation.ready('binance-main');
      expect(reconciliation.admission('binance-main')).toBeNull();
      expect(venues.get('binance-main')?.instruments().map((i) => i.symbol)).toContain('BTC/USDT');
      expect(fake.requests.some((r) => r.endpoint === 'GET /api/v3/openOrders')).toBe(true); // reconciled at the exchange

      const bot = await bots.create({ name: 'Live', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.001, account: 'binance-main' });
      expect(bot).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['account'] }] } });
      expect(bot.ok || bot.error.message).toBe(
        'Account binance-main trades on binance, but prices come from the simulated market: its bots and alerts would act on other prices. Set the market source to binance on the Symbols page and restart.',
      );

      expect(await exchangeAccounts.remove('binance-main')).toMatchObject({ ok: true });
      await expect.poll(() => venues.get('binance-main')).toBeUndefined();
    } finally {
      await engine.stop();
    }
    const logged = JSON.stringify(logger.entries);
    expect([...rawFiles(dataDir).map(occurrences), occurrences(logged)]).toEqual(Array(rawFiles(dataDir).length + 1).fill([0, 0]));
  });
});

describe('live trading on an exchange account, from a TradingView alert to a fill at the exchange', () => {
  it('places the alert’s order once at the exchange, books its fills, and keeps the keys out of every file, log and answer', async () => {
    const dataDir = tempDir();
    const logger = recordingLogger();
    const options = await fakeBinanceOptions(fake.url);
    const open = () =>
      createEngine({
        dataDir,
        logger,
        startMarketTimer: true,
        webhook: { port: 0 },
        secrets: new KeytarSecretStore({ logger, service: 'StoxRobot-live-trading-test' }),
        environment: {},
        // Discovery reaches the fake through these options; the account and the market source carry their own.
        publicData: publicDataFromConnector(createCcxtConnector({ logger }), options),
      });
    const answers: unknown[] = [];
    let engine: Engine = await open();
    try {
      const { exchangeAccounts, symbols, marketSource } = engine.services;
      answers.push(await exchangeAccounts.create({ accountId: 'binance-main', exchangeId: 'binance', label: 'Main', sandbox: false, currency: 'USDT', options, credentials: KEYS }));
      answers.push(await symbols.enable('binance', ['BTC/USDT']));
      answers.push(await marketSource.setSource({ kind: 'exchange', exchangeId: 'binance', sandbox: false, options }));
      await engine.stop();

      engine = await open();
      const { services } = engine;
      await expect.poll(() => services.exchangeVenues.states()[0]?.connected, { timeout: 10_000 }).toBe(true);
      await services.reconciliation.ready('binance-main');
      await expect.poll(() => services.lastPrice('BTC/USDT'), { timeout: 10_000 }).not.toBeNull();

      const created = await services.bots.create({ name: 'Live', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.001, account: 'binance-main' });
      if (!created.ok) throw new Error(created.error.message);
      const bot = created.value;
      await services.bots.setStatus(bot.id, 'running');
      const rotated = await services.webhooks.rotatePassphrase(bot.id);
      if (!rotated.ok) throw new Error(rotated.error.message);
      const alert = { passphrase: rotated.value.passphrase, bot: bot.id, action: 'buy', amount: '0.002', amount_type: 'base', id: 'live-1' };
      const url = services.webhooks.status().url ?? '';
      const post = () => fetch(url, { method: 'POST', body: JSON.stringify(alert) }).then(async (res) => [res.status, await res.text()]);
      const [first, again] = [await post(), await post()]; // TradingView sending the same alert twice
      expect([first[0], again[0]]).toEqual([200, 200]);
      answers.push(first, again);

      await expect.poll(async () => (await services.db.selectFrom('orders').select('status').where('botId', '=', bot.id).execute()).map((o) => o.status), { timeout: 10_000 }).toEqual(['FILLED']);
      const atExchange = fake.book.orders.filter((o) => o.symbol === 'BTCUSDT');
      expect(atExchange).toHaveLength(1);
      expect(atExchange[0]).toMatchObject({ origQty: 0.002, executedQty: 0.002 });
      await services.orders.settled();
      expect(services.orders.position(bot.id, 'BTC/USDT').netQty).toBeCloseTo(0.002, 12);
      const fills = await services.db.selectFrom('fills').selectAll().where('botId', '=', bot.id).execute();
      expect(fills.reduce((sum, f) => sum + f.lastQty, 0)).toBeCloseTo(0.002, 12);
      expect(fills.every((f) => f.venue === 'binance-main')).toBe(true);
      answers.push(fills, await services.exchangeAccounts.list(), services.exchangeVenues.states(), services.reconciliation.list());
    } finally {
      await engine.stop();
    }
    const texts = [...rawFiles(dataDir), JSON.stringify(logger.entries), JSON.stringify(answers)];
    expect(texts.map(occurrences)).toEqual(texts.map(() => [0, 0]));
  });
});
