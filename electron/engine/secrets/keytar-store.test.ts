import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { noSessionEnv, startKeyring, type TestKeyring } from '../testing/keyring.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./testing/keytar-child.ts', import.meta.url));

/** Runs the steps against the real keytar in a fresh Node process with `env`; one result per step. */
async function inChild(env: NodeJS.ProcessEnv, steps: (string | undefined)[][]): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }[]> {
  const { stdout } = await run(process.execPath, [CHILD, JSON.stringify(steps)], { env, timeout: 20_000 });
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

const ONE_MESSAGE = /^No usable keychain: .+ Start and unlock your keyring .+ Paper trading works; exchange keys cannot be stored/;

let keyring: TestKeyring | null = null;
afterEach(async () => {
  await keyring?.stop();
  keyring = null;
});

describe('the keytar secret store against a real gnome-keyring', () => {
  it('stores, reads, lists and deletes a secret', async () => {
    keyring = await startKeyring({ unlock: true });
    const results = await inChild(keyring.env, [['status'], ['set', 'ns/acct/1', 'AKIAFAKEKEY-1234567890-LEAKCHECK'], ['get', 'ns/acct/1'], ['list'], ['delete', 'ns/acct/1'], ['get', 'ns/acct/1'], ['delete', 'ns/acct/1'], ['list']]);
    expect(results).toEqual([
      { ok: true, value: { usable: true } },
      { ok: true },
      { ok: true, value: 'AKIAFAKEKEY-1234567890-LEAKCHECK' },
      // The status probe leaves nothing behind and is not listed.
      { ok: true, value: ['ns/acct/1'] },
      { ok: true, value: true },
      { ok: true, value: null },
      { ok: true, value: false },
      { ok: true, value: [] },
    ]);
  });

  it('without a D-Bus session, says so in the one message, for status and every write', async () => {
    const [status, set] = await inChild(noSessionEnv(), [['status'], ['set', 'ns/a/1', 'secret-value']]);
    expect(status).toMatchObject({ ok: true, value: { usable: false, message: expect.stringMatching(ONE_MESSAGE) } });
    expect((status?.value as { message: string }).message).toContain('there is no D-Bus session');
    expect(set).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(ONE_MESSAGE) } });
  });

  it('with a keyring that has no login collection, says so in the one message', async () => {
    keyring = await startKeyring({ unlock: false });
    const [status, set] = await inChild(keyring.env, [['status'], ['set', 'ns/a/1', 'secret-value']]);
    expect(status?.value).toEqual({ usable: false, message: expect.stringMatching(ONE_MESSAGE) });
    expect(set?.error?.message).toContain('there is no default ("login") keyring');
  });

  it('with a locked keyring, says so for every operation (keytar itself answers reads and deletes with "nothing there")', async () => {
    keyring = await startKeyring({ unlock: true });
    await inChild(keyring.env, [['set', 'ns/a/1', 'kept-before-lock']]);
    await keyring.lock();
    const [status, set, get, removed] = await inChild(keyring.env, [['status'], ['set', 'ns/a/2', 'secret-value'], ['get', 'ns/a/1'], ['delete', 'ns/a/1']]);
    expect(status?.value).toEqual({ usable: false, message: expect.stringMatching(ONE_MESSAGE) });
    for (const refused of [set, get, removed]) expect(refused).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('No usable keychain: the keyring is locked.'), details: { keychain: false } } });
  });
});
