import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, DATABASE_FILE } from './index.ts';
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
