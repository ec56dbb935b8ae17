import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract } from '../../../shared/contract/index.ts';
import { startHeadlessServer } from '../../headless/server.ts';
import { createEngine, DATABASE_FILE } from '../index.ts';
import { KeytarSecretStore } from '../secrets/keytar-store.ts';
import { startKeyring, type TestKeyring } from '../testing/keyring.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { FAKE_KEY, FAKE_PASSPHRASE, FAKE_SECRET, TestExchanges } from './testing/exchange-fixture.ts';

const TOKEN = 'leak-test-token-0123456789';
const SECRETS = [FAKE_KEY, FAKE_SECRET, FAKE_PASSPHRASE];

let keyring: TestKeyring;
beforeAll(async () => {
  keyring = await startKeyring({ unlock: true });
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
});
afterAll(() => keyring.stop());

/** How often each secret occurs in the raw bytes (latin1 keeps every byte, so nothing is decoded away). */
const occurrences = (bytes: string) => SECRETS.map((s) => bytes.split(s).length - 1);
const rawFiles = (dir: string) => ['', '-wal', '-shm', '-journal'].map((suffix) => join(dir, DATABASE_FILE + suffix)).filter(existsSync).map((file) => readFileSync(file).toString('latin1'));

describe('a known fake key through the whole app', () => {
  it('is found 0 times in the database, its WAL, the log and every answer after create, test, update and remove', async () => {
    const dataDir = tempDir();
    const logger = recordingLogger();
    const secrets = new KeytarSecretStore({ logger, service: 'StoxRobot-leak-test' });
    const engine = await createEngine({ dataDir, logger, startMarketTimer: false, webhook: { port: 0 }, secrets, exchanges: new TestExchanges(), environment: {} });
    const server = await startHeadlessServer({ engine, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: dataDir });
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ websocket: socket }));
    const answers: unknown[] = [];
    const keep = async (call: Promise<unknown>) => answers.push(await call.catch((error: unknown) => ({ error: String(error), data: (error as { data?: unknown }).data })));
    try {
      await keep(client.accounts.create({ accountId: 'okx-main', exchangeId: 'okx', label: 'OKX', credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET, password: FAKE_PASSPHRASE } }));
      // Over REST too, as a script would.
      const rest = await fetch(`http://127.0.0.1:${server.port}/api/accounts/exchange`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: 'binance-main', exchangeId: 'binance', label: 'Binance', credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET } }),
      });
      answers.push(rest.status, await rest.text());
      await keep(client.accounts.testConnection({ accountId: 'okx-main' }));
      await keep(client.accounts.testConnection({ exchangeId: 'binance', credentials: { apiKey: `bad-${FAKE_KEY}`, secret: FAKE_SECRET } }));
      await keep(client.accounts.create({ accountId: 'leaky', exchangeId: 'binance', label: 'x', options: { headers: { 'X-Secret': FAKE_SECRET } }, credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET } }));
      // A refused input is not echoed back: a key too long, a key in the wrong field type.
      await keep(client.accounts.create({ accountId: 'long', exchangeId: 'binance', label: 'x', credentials: { apiKey: FAKE_KEY.repeat(200), secret: FAKE_SECRET } }));
      await keep(client.accounts.create({ accountId: 'typed', exchangeId: 'binance', label: 'x', credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET, bogus: FAKE_PASSPHRASE } as never }));
      await keep(client.accounts.update({ accountId: 'okx-main', label: 'OKX 2', credentials: { apiKey: `${FAKE_KEY}-2`, secret: FAKE_SECRET, password: FAKE_PASSPHRASE } }));
      await keep(client.accounts.exchangeAccounts());
      await keep(client.accounts.list());
      await keep(client.accounts.keychain());
      await keep(client.accounts.remove({ accountId: 'binance-main' }));

      const text = JSON.stringify(answers);
      expect(text).toContain('okx-main');
      expect(text).toContain('HECK');
      expect(occurrences(text)).toEqual([0, 0, 0]);
      expect(occurrences(JSON.stringify(logger.entries))).toEqual([0, 0, 0]);
      const whileRunning = rawFiles(dataDir);
      expect(whileRunning.length).toBeGreaterThanOrEqual(2);
      for (const bytes of whileRunning) expect(occurrences(bytes)).toEqual([0, 0, 0]);
      // The engine still reads the keys back from the keychain.
      expect((await engine.services.exchangeAccounts.credentials('okx-main'))).toEqual({ ok: true, value: { apiKey: `${FAKE_KEY}-2`, secret: FAKE_SECRET, password: FAKE_PASSPHRASE } });
    } finally {
      socket.close();
      await server.close();
      await engine.stop();
    }
    for (const bytes of rawFiles(dataDir)) expect(occurrences(bytes)).toEqual([0, 0, 0]);
  });
});
