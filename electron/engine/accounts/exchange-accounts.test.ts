import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { EnvironmentCredentials } from '../secrets/environment-credentials.ts';
import { KeytarSecretStore } from '../secrets/keytar-store.ts';
import { startKeyring, type TestKeyring } from '../testing/keyring.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { ExchangeAccountService } from './exchange-accounts.service.ts';
import { botNamed } from './testing/account-fixture.ts';
import { binanceAccount, exchangeFixture, FAKE_KEY, FAKE_PASSPHRASE, FAKE_SECRET, TestExchanges } from './testing/exchange-fixture.ts';

const CRASH_CHILD = fileURLToPath(new URL('./testing/crash-after-keychain-write.ts', import.meta.url));

// One real gnome-keyring for this file. libsecret reads the bus address when it first connects,
// which is after this (keytar is loaded on first use, and Vitest runs each file in a fresh process).
let keyring: TestKeyring;
beforeAll(async () => {
  keyring = await startKeyring({ unlock: true });
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
});
afterAll(() => keyring.stop());

const rowsOf = async (f: Awaited<ReturnType<typeof exchangeFixture>>) => ({
  accounts: await f.db.selectFrom('accounts').select(['id', 'kind']).orderBy('id').execute(),
  exchange: await f.db.selectFrom('exchangeAccounts').selectAll().execute(),
});
const keychainRefs = async (f: Awaited<ReturnType<typeof exchangeFixture>>) => {
  const refs = await f.secrets.references();
  if (!refs.ok) throw new Error(refs.error.message);
  return refs.value;
};

describe('exchange accounts with keys in a real keychain', () => {
  it('creates an account: keys in the keychain, a reference and the last 4 characters in SQLite', async () => {
    const f = await exchangeFixture();
    const created = await f.service.create(binanceAccount());
    expect(created).toEqual({
      ok: true,
      value: expect.objectContaining({ id: 'binance-main', exchangeId: 'binance', configured: true, keySource: 'keychain', apiKeyLast4: 'HECK', options: { options: { defaultType: 'spot' } } }),
    });
    const { exchange, accounts } = await rowsOf(f);
    expect(accounts).toEqual([{ id: 'binance-main', kind: 'exchange' }, { id: 'paper', kind: 'paper' }]);
    expect(exchange[0]?.secretRef).toMatch(/^[0-9a-f]{16}\/binance-main\/[0-9a-f]{12}$/);
    expect(await keychainRefs(f)).toEqual([exchange[0]?.secretRef]);
    expect(await f.service.credentials('binance-main')).toEqual({ ok: true, value: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
    await f.close();
  });

  it('refuses missing credential fields by their names, storing nothing anywhere', async () => {
    const f = await exchangeFixture();
    const refused = await f.service.create({ ...binanceAccount('okx-1'), exchangeId: 'okx', credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['credentials', 'password'], message: 'Passphrase is required by OKX' }] } });
    const sandbox = await f.service.create({ ...binanceAccount('bs'), exchangeId: 'bitstamp', sandbox: true, credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET, uid: '7' } });
    expect(sandbox).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Bitstamp has no testnet or sandbox' } });
    expect(await f.service.create({ ...binanceAccount('x'), exchangeId: 'nosuch' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await rowsOf(f)).exchange).toEqual([]);
    expect(await keychainRefs(f)).toEqual([]);
    await f.close();
  });

  it('refuses a second account of the same name, and two racing creates leave one account and one keychain entry', async () => {
    const f = await exchangeFixture();
    const [a, b] = await Promise.all([f.service.create(binanceAccount()), f.service.create(binanceAccount())]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(a.ok ? b : a).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'An account named binance-main exists already; pick another name' } });
    // The paper account's name is taken too.
    expect(await f.service.create(binanceAccount('paper'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await keychainRefs(f)).toEqual([(await rowsOf(f)).exchange[0]?.secretRef]);
    await f.close();
  });

  it('removes the keychain entry when the database refuses the account', async () => {
    const f = await exchangeFixture();
    await sql`create trigger refuse_accounts before insert on exchange_accounts begin select raise(abort, 'simulated database failure'); end`.execute(f.db);
    await expect(f.service.create(binanceAccount())).rejects.toThrow('simulated database failure');
    expect(await rowsOf(f)).toEqual({ accounts: [{ id: 'paper', kind: 'paper' }], exchange: [] });
    expect(await keychainRefs(f)).toEqual([]);
    await f.close();
  });

  it('updates settings without touching the keys, and replaces the keys only when given', async () => {
    const f = await exchangeFixture();
    await f.service.create(binanceAccount());
    const [before] = (await rowsOf(f)).exchange;
    const renamed = await f.service.update('binance-main', { label: 'Main (testnet)', sandbox: true, options: { timeout: 5000 } });
    expect(renamed).toMatchObject({ ok: true, value: { label: 'Main (testnet)', sandbox: true, options: { timeout: 5000 }, apiKeyLast4: 'HECK' } });
    expect((await rowsOf(f)).exchange[0]?.secretRef).toBe(before?.secretRef);

    const rekeyed = await f.service.update('binance-main', { credentials: { apiKey: 'NEWKEY-000000-WXYZ', secret: 'new-secret-value' } });
    expect(rekeyed).toMatchObject({ ok: true, value: { apiKeyLast4: 'WXYZ' } });
    const [after] = (await rowsOf(f)).exchange;
    expect(after?.secretRef).not.toBe(before?.secretRef);
    // The old entry is gone once the account points at the new one.
    expect(await keychainRefs(f)).toEqual([after?.secretRef]);
    expect(await f.service.credentials('binance-main')).toEqual({ ok: true, value: { apiKey: 'NEWKEY-000000-WXYZ', secret: 'new-secret-value' } });
    expect(await f.service.update('nobody', { label: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await f.close();
  });

  it('keeps the old keys when the database refuses new ones', async () => {
    const f = await exchangeFixture();
    await f.service.create(binanceAccount());
    const [before] = (await rowsOf(f)).exchange;
    await sql`create trigger refuse_updates before update on exchange_accounts begin select raise(abort, 'simulated database failure'); end`.execute(f.db);
    await expect(f.service.update('binance-main', { credentials: { apiKey: 'NEWKEY-000000-WXYZ', secret: 's2' } })).rejects.toThrow('simulated database failure');
    expect(await keychainRefs(f)).toEqual([before?.secretRef]);
    expect(await f.service.credentials('binance-main')).toEqual({ ok: true, value: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
    await f.close();
  });

  it('removes an account with its keychain entry, and refuses while a bot trades through it', async () => {
    const f = await exchangeFixture();
    await f.service.create(binanceAccount());
    await insertBot(f.db, { ...botNamed('b1'), name: 'Trend BTC' });
    // Bots name exchange accounts once the venue registry lets them; the column already can.
    await f.db.updateTable('bots').set({ account: 'binance-main' }).where('id', '=', 'b1').execute();
    expect(await f.service.remove('binance-main')).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Account binance-main is used by bot Trend BTC: move it to another account or delete it first' } });
    expect(await keychainRefs(f)).toHaveLength(1);

    await f.db.updateTable('bots').set({ deletedAt: 1 }).where('id', '=', 'b1').execute();
    expect(await f.service.remove('binance-main')).toEqual({ ok: true, value: { accountId: 'binance-main', keysLeftInKeychain: false } });
    expect(await rowsOf(f)).toEqual({ accounts: [{ id: 'paper', kind: 'paper' }], exchange: [] });
    expect(await keychainRefs(f)).toEqual([]);
    expect(await f.service.remove('binance-main')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await f.close();
  });

  it('tells listeners of every change, and a failing listener stops none of the others', async () => {
    const f = await exchangeFixture();
    const seen: string[] = [];
    f.service.onChange(() => {
      throw new Error('listener bug');
    });
    f.service.onChange((c) => seen.push(`${c.change}:${c.accountId}`));
    await f.service.create(binanceAccount());
    await f.service.update('binance-main', { label: 'x' });
    await f.service.remove('binance-main');
    expect(seen).toEqual(['created:binance-main', 'updated:binance-main', 'removed:binance-main']);
    expect(f.logger.entries.filter((e) => e.message === 'An exchange account listener failed')).toHaveLength(3);
    await f.close();
  });

  it('tests a connection with saved keys, with unsaved changes on top, or with a draft', async () => {
    const f = await exchangeFixture();
    await f.service.create(binanceAccount());
    expect(await f.service.testConnection({ accountId: 'binance-main' })).toEqual({ ok: true, value: { markets: 1234, balances: [{ currency: 'USDT', total: 150.5, free: 100.25 }] } });
    await f.service.testConnection({ accountId: 'binance-main', sandbox: true, options: { timeout: 1 } });
    await f.service.testConnection({ exchangeId: 'okx', sandbox: false, options: {}, credentials: { apiKey: 'k-okx-1234', secret: 's', password: FAKE_PASSPHRASE } });
    expect(f.exchanges.tested.map((t) => [t.config, t.credentials])).toEqual([
      [{ accountId: 'binance-main', exchangeId: 'binance', sandbox: false, options: { options: { defaultType: 'spot' } } }, { apiKey: FAKE_KEY, secret: FAKE_SECRET }],
      [{ accountId: 'binance-main', exchangeId: 'binance', sandbox: true, options: { timeout: 1 } }, { apiKey: FAKE_KEY, secret: FAKE_SECRET }],
      [{ accountId: 'draft', exchangeId: 'okx', sandbox: false, options: {} }, { apiKey: 'k-okx-1234', secret: 's', password: FAKE_PASSPHRASE }],
    ]);
    expect(await f.service.testConnection({ accountId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await f.close();
  });

  it("says the exchange's refusal plainly, with the key it echoed blanked out", async () => {
    const f = await exchangeFixture();
    const badKey = `bad-${FAKE_KEY}`;
    const refused = await f.service.testConnection({ exchangeId: 'binance', sandbox: false, options: {}, credentials: { apiKey: badKey, secret: FAKE_SECRET } });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'REFUSED', message: 'binance {"code":-2015,"msg":"Invalid API-key [redacted], IP, or permissions for action."}', details: { auth: true, echoed: '[redacted]' } },
    });
    await f.close();
  });

  it('removes at start the keychain entries a crash left without an account, and only its own', async () => {
    const f = await exchangeFixture();
    await f.service.create(binanceAccount());
    const [row] = (await rowsOf(f)).exchange;
    const namespace = row?.secretRef?.split('/')[0];
    // A crash after the keychain write and before the database's: an entry no account points at.
    await f.secrets.set(`${namespace}/lost/abcdef012345`, '{"apiKey":"x"}');
    await f.secrets.set('0123456789abcdef/other-folder/abcdef012345', '{"apiKey":"y"}');
    await f.service.init();
    expect((await keychainRefs(f)).sort()).toEqual(['0123456789abcdef/other-folder/abcdef012345', row?.secretRef].sort());
    await f.close();
  });

  it('after a kill -9 between the keychain write and the database write, the next start removes the orphaned keys', async () => {
    const file = join(tempDir(), 'crash.sqlite');
    const service = `StoxRobot-crash-${process.pid}`;
    const child = spawnSync(process.execPath, [CRASH_CHILD, file, service], { env: keyring.env, timeout: 30_000 });
    expect(child.signal).toBe('SIGKILL');
    const logger = recordingLogger();
    const secrets = new KeytarSecretStore({ logger, service });
    expect(await secrets.references()).toMatchObject({ ok: true, value: [expect.stringMatching(/\/crashed\//)] });
    const { db, close } = await openDatabase(file);
    expect(await db.selectFrom('accounts').select('id').execute()).toEqual([{ id: 'paper' }]);
    const restarted = new ExchangeAccountService({ db, secrets, environment: new EnvironmentCredentials({}), exchanges: new TestExchanges(), clock: manualClock(), logger });
    await restarted.init();
    expect(await secrets.references()).toEqual({ ok: true, value: [] });
    expect(logger.entries.map((e) => [e.message, e.fields])).toEqual([['Removed keychain entries no account uses', { entries: 1 }]]);
    await close();
  });

  // Last in this file: the keyring stays locked afterwards.
  it('with the keyring locked: refuses to create with the one message, writes nothing to SQLite, paper stays', async () => {
    const f = await exchangeFixture();
    await f.service.create(binanceAccount('before-lock'));
    await keyring.lock();
    expect(await f.service.keychain()).toEqual({ usable: false, message: expect.stringContaining('No usable keychain: the keyring is locked.'), environmentAccounts: [] });
    const refused = await f.service.create(binanceAccount());
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('Paper trading works; exchange keys cannot be stored') } });
    expect((await rowsOf(f)).accounts).toEqual([{ id: 'before-lock', kind: 'exchange' }, { id: 'paper', kind: 'paper' }]);
    // Keys kept before the lock read as unreachable, not as lost.
    expect(await f.service.credentials('before-lock')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('the keyring is locked') } });
    // Removing still works; the trader is told the keys stay in the locked keychain until a later start.
    expect(await f.service.remove('before-lock')).toEqual({ ok: true, value: { accountId: 'before-lock', keysLeftInKeychain: true } });
    expect(await rowsOf(f)).toEqual({ accounts: [{ id: 'paper', kind: 'paper' }], exchange: [] });
    expect(JSON.stringify(f.logger.entries)).not.toContain(FAKE_KEY);
    await f.close();
  });
});
