import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../persistence/open-database.ts';
import type { SecretStore } from '../../ports/secret-store.ts';
import { EnvironmentCredentials } from '../../secrets/environment-credentials.ts';
import { KeytarSecretStore } from '../../secrets/keytar-store.ts';
import { recordingLogger } from '../../testing/recording-logger.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { ExchangeAccountService } from '../exchange-accounts.service.ts';
import { FAKE_KEY, FAKE_SECRET, TestExchanges } from './test-exchanges.ts';

export { CATALOGUE, FAKE_KEY, FAKE_PASSPHRASE, FAKE_SECRET, TestExchanges } from './test-exchanges.ts';

/** The service on a real SQLite file; the secret store is the real keytar one unless given. */
export async function exchangeFixture(options: { secrets?: SecretStore; env?: Record<string, string> } = {}) {
  const dir = tempDir();
  const file = join(dir, 'accounts.sqlite');
  const { db, close } = await openDatabase(file);
  const logger = recordingLogger();
  const exchanges = new TestExchanges();
  // A keychain service of its own per test: entries of one test never meet another's.
  const secrets = options.secrets ?? new KeytarSecretStore({ logger, service: `StoxRobot-test-${randomBytes(4).toString('hex')}` });
  const deps = { db, secrets, environment: new EnvironmentCredentials(options.env ?? {}), exchanges, clock: manualClock(), logger };
  const service = new ExchangeAccountService(deps);
  await service.init();
  return { dir, file, db, close, logger, exchanges, secrets, service, deps };
}

export const binanceAccount = (accountId = 'binance-main') => ({
  accountId,
  exchangeId: 'binance',
  label: 'Binance main',
  sandbox: false,
  currency: 'USDT',
  options: { options: { defaultType: 'spot' } },
  credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET },
});
