// A headless host for the market-history e2e test: the real engine, ccxt and server, with an
// exchange account on a local fake Binance (its keys in memory, not a keychain) and the sample
// history folder. Usage: node e2e/history-host.ts <dataDir> <token>
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ok } from '../shared/errors.ts';
import { createEngine } from '../electron/engine/index.ts';
import type { SecretStore } from '../electron/engine/ports/secret-store.ts';
import { fakeBinanceOptions } from '../electron/engine/venues/ccxt/testing/fake-binance/ccxt-options.ts';
import { FAKE_KEYS, startFakeBinance } from '../electron/engine/venues/ccxt/testing/fake-binance/server.ts';
import { startHeadlessServer } from '../electron/headless/server.ts';

const [dataDir, token] = process.argv.slice(2);
if (!dataDir || !token) throw new Error('Usage: history-host.ts <dataDir> <token>');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const kept = new Map<string, string>();
const memorySecrets: SecretStore = {
  status: async () => ({ usable: true }),
  get: async (ref) => ok(kept.get(ref) ?? null),
  set: async (ref, secret) => ok(void kept.set(ref, secret)),
  delete: async (ref) => ok(kept.delete(ref)),
  references: async () => ok([...kept.keys()]),
};

const fake = await startFakeBinance();
const engine = await createEngine({ dataDir, secrets: memorySecrets, webhook: { port: 0 }, sampleHistoryDir: join(root, 'resources', 'history') });
const created = await engine.services.exchangeAccounts.create({
  accountId: 'fake-binance',
  exchangeId: 'binance',
  label: 'Fake Binance',
  sandbox: false,
  currency: 'USDT',
  options: await fakeBinanceOptions(fake.url),
  credentials: { apiKey: FAKE_KEYS.apiKey, secret: FAKE_KEYS.secret },
});
if (!created.ok) throw new Error(created.error.message);
const server = await startHeadlessServer({ engine, token, host: '127.0.0.1', port: 0, staticDir: join(root, 'dist', 'renderer') });
console.log(`StoxRobot is running at ${server.url}`);
const stop = async () => {
  await server.close();
  await engine.stop();
  await fake.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
