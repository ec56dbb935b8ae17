// The engine's own process: Electron's main process starts this file in a `utilityProcess` (tests and
// benchmarks in a Node worker thread), so nothing the engine computes can freeze a window.
import { parseArgs } from 'node:util';
import { parentPort } from 'node:worker_threads';
import { consoleLogger, silentLogger } from '../ports/logger.ts';
import { logUnhandled } from './log-unhandled.ts';
import type { EngineDeps } from '../index.ts';
import { isToEngineHost, nodePortChannel, runEngineHost } from './engine-host.ts';
import type { FromEngineHost, HostChannel, ServablePort } from './host-protocol.ts';

/** `process.parentPort` exists only in an Electron utility process; the engine must not import Electron. */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: ServablePort[] }) => void): void;
  postMessage(message: FromEngineHost): void;
}

function hostChannel(): HostChannel {
  const electronParent = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronParent) {
    return {
      onMessage: (listener) => electronParent.on('message', ({ data, ports }) => isToEngineHost(data) && listener(data, ports)),
      post: (message) => electronParent.postMessage(message),
    };
  }
  if (!parentPort) throw new Error('engine-entry runs in an Electron utility process or a Node worker thread');
  return nodePortChannel(parentPort);
}

/** `--data DIR` (required), `--samples DIR` (the sample history to store at first start), `--webhook-port N`; `--quiet` and `--manual-market` for tests and benchmarks. */
function engineDeps(argv: string[]): EngineDeps {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, samples: { type: 'string' }, 'webhook-port': { type: 'string' }, quiet: { type: 'boolean' }, 'manual-market': { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.data) throw new Error('engine-entry needs --data DIR');
  const webhookPort = values['webhook-port'] === undefined ? null : Number(values['webhook-port']);
  return {
    dataDir: values.data,
    ...(values.samples ? { sampleHistoryDir: values.samples } : {}),
    ...(values.quiet ? { logger: silentLogger } : {}),
    ...(values['manual-market'] ? { startMarketTimer: false } : {}),
    ...(webhookPort !== null && Number.isInteger(webhookPort) ? { webhook: { port: webhookPort } } : {}),
  };
}

logUnhandled(process, consoleLogger, (code) => process.exit(code));
await runEngineHost(hostChannel(), engineDeps(process.argv.slice(2)));
// Open ports from renderers would keep the process alive; the exit waits a moment so the last
// message (`stopped` or `failed`) leaves first.
setTimeout(() => process.exit(0), 100).unref();
