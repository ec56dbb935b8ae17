// A headless host for the exchange-accounts e2e test: the real engine, keytar store and server,
// with an in-memory exchange connector in place of ccxt (no network in tests). It uses whatever
// keychain its environment reaches, and the STOXROBOT_<ACCOUNT>_<FIELD> keys it was started with.
// Usage: node e2e/exchange-host.ts <dataDir> <token>
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestExchanges } from '../electron/engine/accounts/testing/test-exchanges.ts';
import { createEngine } from '../electron/engine/index.ts';
import { startHeadlessServer } from '../electron/headless/server.ts';

const [dataDir, token] = process.argv.slice(2);
if (!dataDir || !token) throw new Error('Usage: exchange-host.ts <dataDir> <token>');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const engine = await createEngine({ dataDir, exchanges: new TestExchanges(), webhook: { port: 0 } });
const server = await startHeadlessServer({ engine, token, host: '127.0.0.1', port: 0, staticDir: join(root, 'dist', 'renderer') });
console.log(`StoxRobot is running at ${server.url}`);
const stop = async () => {
  await server.close();
  await engine.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
