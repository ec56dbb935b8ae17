import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngineInFolder } from '../engine/host/engine-host.ts';
import { logUnhandled } from '../engine/host/log-unhandled.ts';
import { classifyStartupError, startupFailureReport, type StartupFailure } from '../engine/host/startup-failure.ts';
import { consoleLogger } from '../engine/ports/logger.ts';
import { newAccessToken } from './access-token.ts';
import { parseCliOptions } from './cli-options.ts';
import { watchClockJumps } from './clock-jump.ts';
import { startHeadlessServer } from './server.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Exit codes: 2 a wrong command line, 3 the data folder is used by another StoxRobot, 1 any other start-up failure. */
function exitWith(failure: StartupFailure, dataDir: string): never {
  console.error(startupFailureReport(failure, dataDir));
  process.exit(failure.kind === 'folder-held' ? 3 : 1);
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  // The folder's lock comes first: a second host on the same database would double positions.
  const start = await startEngineInFolder({ dataDir: options.dataDir, sampleHistoryDir: join(root, 'resources', 'history'), ...(options.webhookPort !== null ? { webhook: { port: options.webhookPort } } : {}) });
  if (!start.started) exitWith(start.failure, options.dataDir);
  const { engine } = start;
  let server;
  try {
    server = await startHeadlessServer({
      engine,
      token: options.token ?? newAccessToken(),
      host: options.host,
      port: options.port,
      staticDir: join(root, 'dist', 'renderer'),
    });
  } catch (error) {
    await engine.stop();
    const failure = classifyStartupError(error);
    exitWith(failure.kind === 'port-in-use' ? { kind: 'port-in-use', detail: `Port ${options.port} on ${options.host} is used by another program.` } : failure, options.dataDir);
  }
  if (options.host !== '127.0.0.1' && options.host !== 'localhost') {
    console.warn(`Warning: listening on ${options.host}: anyone who reaches this address and has the token controls your bots.`);
  }
  console.log(`StoxRobot is running at ${server.url}`);
  console.log(`Data: ${options.dataDir}`);
  const webhooks = engine.services.webhooks.status();
  console.log(webhooks.url ? `TradingView webhook listener: ${webhooks.url}` : `TradingView webhook listener is off: ${webhooks.error}`);

  // A server that slept (or whose clock was set) may have missed fills: every account is reconciled again.
  const stopWatchingClock = watchClockJumps({
    onJump: (gapMs) => {
      console.log(`The wall clock jumped ${Math.round(gapMs / 1000)} s (the machine slept or its clock was set): reconciling every account`);
      void engine.services.reconciliation.reconcileAll('clock_jump');
    },
  });

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    stopWatchingClock();
    await server.close();
    await engine.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

logUnhandled(process, consoleLogger, (code) => process.exit(code));
main().catch((error) => {
  console.error(`StoxRobot could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
