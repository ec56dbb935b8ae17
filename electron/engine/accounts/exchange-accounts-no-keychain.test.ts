import { createRouterClient } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';
import { KeytarSecretStore } from '../secrets/keytar-store.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { noSessionEnv } from '../testing/keyring.ts';
import { binanceAccount, exchangeFixture, FAKE_KEY, FAKE_SECRET, TestExchanges } from './testing/exchange-fixture.ts';

// A headless server: no D-Bus session, no display. Set before keytar first connects (Vitest runs each file in a fresh process).
for (const name of Object.keys(process.env)) if (!(name in noSessionEnv())) delete process.env[name];

const ONE_MESSAGE = 'No usable keychain: there is no D-Bus session for a keyring to answer on. Start and unlock your keyring';

describe('exchange accounts without a keychain', () => {
  it('refuses to store keys with the one message and writes nothing to SQLite', async () => {
    const f = await exchangeFixture();
    expect(await f.service.keychain()).toEqual({ usable: false, message: expect.stringContaining(ONE_MESSAGE), environmentAccounts: [] });
    const refused = await f.service.create(binanceAccount());
    expect(refused).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining(ONE_MESSAGE), details: { keychain: false } } });
    expect(refused.ok || refused.error.message).toContain('Paper trading works; exchange keys cannot be stored, and are never kept in clear text.');
    expect(await f.db.selectFrom('exchangeAccounts').selectAll().execute()).toEqual([]);
    expect((await f.db.selectFrom('accounts').select('id').execute()).map((a) => a.id)).toEqual(['paper']);
    // Asking again without keys does not fall back to storing anything either.
    expect(await f.service.create({ ...binanceAccount(), credentials: undefined })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'API key is required by Binance; Secret is required by Binance' } });
    await f.close();
  });

  it('takes a headless host’s keys from its environment, read at start, and never writes them', async () => {
    const env = { STOXROBOT_BINANCE_MAIN_APIKEY: FAKE_KEY, STOXROBOT_BINANCE_MAIN_SECRET: ` ${FAKE_SECRET}\n`, STOXROBOT_OKX_APIKEY: 'okx-key-123456' };
    const f = await exchangeFixture({ env });
    expect((await f.service.keychain()).environmentAccounts).toEqual(['BINANCE_MAIN', 'OKX']);
    const created = await f.service.create({ ...binanceAccount('binance-main'), credentials: undefined });
    expect(created).toMatchObject({ ok: true, value: { keySource: 'environment', configured: true, apiKeyLast4: 'HECK' } });
    expect(await f.service.credentials('binance-main')).toEqual({ ok: true, value: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
    expect(await f.service.testConnection({ accountId: 'binance-main' })).toMatchObject({ ok: true, value: { markets: 1234 } });
    expect(await f.db.selectFrom('exchangeAccounts').select(['secretRef', 'apiKeyLast4']).execute()).toEqual([{ secretRef: null, apiKeyLast4: null }]);
    // Changing the environment after start changes nothing: it was read once.
    env.STOXROBOT_BINANCE_MAIN_APIKEY = 'changed-later';
    expect(await f.service.credentials('binance-main')).toMatchObject({ ok: true, value: { apiKey: FAKE_KEY } });
    // An incomplete set names the variables to add.
    const okx = await f.service.create({ ...binanceAccount('okx'), exchangeId: 'okx', credentials: undefined });
    expect(okx).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'OKX needs Secret, Passphrase: set STOXROBOT_OKX_SECRET, STOXROBOT_OKX_PASSWORD and restart StoxRobot' } });
    await f.close();
  });

  it('starts the engine and trades on paper as before', async () => {
    const logger = recordingLogger();
    const engine = await createEngine({ dataDir: tempDir(), logger, startMarketTimer: false, webhook: { port: 0 }, secrets: new KeytarSecretStore({ logger }), exchanges: new TestExchanges(), environment: {} });
    try {
      const client = createRouterClient(engine.router, { context: { engine: engine.services } });
      expect(await client.accounts.keychain()).toMatchObject({ usable: false, message: expect.stringContaining(ONE_MESSAGE) });
      await expect(client.accounts.create({ accountId: 'b', exchangeId: 'binance', label: 'B', credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET } })).rejects.toMatchObject({ code: 'UNAVAILABLE', status: 503 });
      const bot = await client.bots.create({ name: 'paper bot', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.01, account: 'paper' });
      const order = await engine.services.orders.place({ botId: bot.id, symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.01 });
      expect(order).toMatchObject({ status: 'FILLED', filledQty: 0.01 });
      expect((await client.accounts.list()).map((a) => a.id)).toEqual(['paper']);
    } finally {
      await engine.stop();
    }
  });
});
