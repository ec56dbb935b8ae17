import { copyFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { EnvironmentCredentials } from '../secrets/environment-credentials.ts';
import { KeytarSecretStore } from '../secrets/keytar-store.ts';
import { startKeyring, type TestKeyring } from '../testing/keyring.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { ExchangeAccountService } from './exchange-accounts.service.ts';
import { binanceAccount, FAKE_KEY, FAKE_SECRET, TestExchanges } from './testing/exchange-fixture.ts';

// libsecret reads the bus address when it first connects: set before keytar is first loaded in this file.
let keyring: TestKeyring;
beforeAll(async () => {
  keyring = await startKeyring({ unlock: true });
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
});
afterAll(() => keyring.stop());

const secrets = new KeytarSecretStore({ logger: silentLogger, service: `StoxRobot-copy-test-${randomBytes(4).toString('hex')}` });

/** The accounts service of the database in `folder`, as a start of the app there would open it. */
async function startIn(folder: string) {
  const { db, close } = await openDatabase(join(folder, 'stoxrobot.sqlite'));
  const service = new ExchangeAccountService({ db, secrets, environment: new EnvironmentCredentials({}), exchanges: new TestExchanges(), clock: manualClock(), logger: silentLogger, folder });
  await service.init();
  return { service, close };
}

describe('a copied data folder and the keychain', () => {
  it('gives the copy keychain entries of its own, so neither folder’s key change or sweep deletes the other’s keys', async () => {
    const original = tempDir();
    const copy = join(tempDir(), 'copy');
    mkdirSync(copy);
    const first = await startIn(original);
    expect(await first.service.create(binanceAccount())).toMatchObject({ ok: true });
    await first.close();
    copyFileSync(join(original, 'stoxrobot.sqlite'), join(copy, 'stoxrobot.sqlite'));

    const copied = await startIn(copy);
    expect(await copied.service.credentials('binance-main')).toEqual({ ok: true, value: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
    // The original replaces its keys (its old entry is deleted) and starts again (its sweep runs).
    const again = await startIn(original);
    expect(await again.service.update('binance-main', { credentials: { apiKey: `${FAKE_KEY}-new`, secret: FAKE_SECRET } })).toMatchObject({ ok: true });
    await again.close();
    const third = await startIn(original);
    expect(await third.service.credentials('binance-main')).toEqual({ ok: true, value: { apiKey: `${FAKE_KEY}-new`, secret: FAKE_SECRET } });
    // The copy still has its own keys, and a restart of the copy does not copy them again.
    expect(await copied.service.credentials('binance-main')).toEqual({ ok: true, value: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
    await copied.close();
    const entries = (await secrets.references()).ok ? ((await secrets.references()) as { ok: true; value: string[] }).value.length : -1;
    const copiedAgain = await startIn(copy);
    expect(await copiedAgain.service.credentials('binance-main')).toEqual({ ok: true, value: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
    const after = await secrets.references();
    expect(after.ok && after.value.length).toBe(entries);
    await copiedAgain.close();
    await third.close();
  });
});
