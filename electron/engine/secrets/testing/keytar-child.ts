// Runs secret-store operations in a fresh process, so each case meets libsecret with its own
// environment (a session bus, none, a locked keyring): libsecret connects once per process.
// Usage: node keytar-child.ts '<json list of [operation, ref?, secret?]>' → one JSON result per line.
import { silentLogger } from '../../ports/logger.ts';
import { KeytarSecretStore } from '../keytar-store.ts';

const store = new KeytarSecretStore({ logger: silentLogger, service: process.env.STOXROBOT_TEST_KEYCHAIN_SERVICE ?? 'StoxRobot-test' });
const steps = JSON.parse(process.argv[2] ?? '[]') as [string, string?, string?][];
for (const [operation, ref = '', secret = ''] of steps) {
  const result =
    operation === 'status' ? { ok: true, value: await store.status() }
    : operation === 'get' ? await store.get(ref)
    : operation === 'set' ? await store.set(ref, secret)
    : operation === 'delete' ? await store.delete(ref)
    : await store.references();
  console.log(JSON.stringify(result));
}
