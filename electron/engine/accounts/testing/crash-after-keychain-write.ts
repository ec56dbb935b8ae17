// Dies by SIGKILL right after an account's keys reach the keychain, before the database row is
// written: the crash the next start's sweep must clean up after.
// Usage: node crash-after-keychain-write.ts <database file> <keychain service>
import { openDatabase } from '../../persistence/open-database.ts';
import { silentLogger } from '../../ports/logger.ts';
import type { SecretStore } from '../../ports/secret-store.ts';
import { EnvironmentCredentials } from '../../secrets/environment-credentials.ts';
import { KeytarSecretStore } from '../../secrets/keytar-store.ts';
import { ExchangeAccountService } from '../exchange-accounts.service.ts';
import { FAKE_KEY, FAKE_SECRET, TestExchanges } from './test-exchanges.ts';

const [file, service] = process.argv.slice(2);
const keytar = new KeytarSecretStore({ logger: silentLogger, service: service ?? 'StoxRobot-test' });
const secrets: SecretStore = {
  status: () => keytar.status(),
  get: (ref) => keytar.get(ref),
  set: async (ref, secret) => {
    const stored = await keytar.set(ref, secret);
    if (stored.ok) process.kill(process.pid, 'SIGKILL');
    return stored;
  },
  delete: (ref) => keytar.delete(ref),
  references: () => keytar.references(),
};
const { db } = await openDatabase(file ?? 'crash.sqlite');
const accounts = new ExchangeAccountService({ db, secrets, environment: new EnvironmentCredentials({}), exchanges: new TestExchanges(), clock: { now: () => Date.now() }, logger: silentLogger });
await accounts.init();
await accounts.create({ accountId: 'crashed', exchangeId: 'binance', label: 'Crashed', sandbox: false, currency: 'USDT', options: {}, credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
