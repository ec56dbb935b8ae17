import { RPCHandler } from '@orpc/server/message-port';
import { isAbsolute } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { errorInterceptors } from '../api/error-interceptor.ts';
import { createEngine, type Engine, type EngineDeps } from '../index.ts';
import { consoleLogger } from '../ports/logger.ts';
import { acquireDataFolderLock, type DataFolderLock } from './data-folder-lock.ts';
import type { HostChannel, ServablePort, ToEngineHost } from './host-protocol.ts';
import { classifyStartupError, type StartupFailure } from './startup-failure.ts';

export type EngineStart = { started: true; engine: Engine } | { started: false; failure: StartupFailure };

/**
 * Takes the data folder's lock, then starts the engine on it. The lock is released when the engine
 * stops; a start that fails releases it too, so the next attempt is not told the folder is in use.
 */
export async function startEngineInFolder(deps: EngineDeps): Promise<EngineStart> {
  let lock: DataFolderLock;
  try {
    const locked = acquireDataFolderLock(deps.dataDir);
    if (!locked.ok) return { started: false, failure: { kind: 'folder-held', detail: locked.error.message } };
    lock = locked.value;
  } catch (error) {
    return { started: false, failure: classifyStartupError(error) };
  }
  try {
    const engine = await createEngine(deps);
    const stopEngine = engine.stop;
    const stop = async () => {
      try {
        await stopEngine();
      } finally {
        lock.release();
      }
    };
    return { started: true, engine: { ...engine, stop } };
  } catch (error) {
    lock.release();
    return { started: false, failure: classifyStartupError(error) };
  }
}

/** Serves the whole contract on one port, straight from the engine's own thread. */
export function contractServer(engine: Engine): (port: ServablePort) => void {
  const handler = new RPCHandler(engine.router, errorInterceptors(engine.logger));
  return (port) => {
    handler.upgrade(port, { context: { engine: engine.services } });
    port.start();
  };
}

/**
 * The engine's side of a utility process or worker: start, say `ready` (or `failed`, with why),
 * serve every port handed over with `connect`, and on `stop` shut down cleanly and say `stopped`.
 * Resolves once the engine has stopped or failed to start.
 */
export async function runEngineHost(channel: HostChannel, deps: EngineDeps): Promise<void> {
  const logger = deps.logger ?? consoleLogger;
  const desktop = (event: { kind: string; title: string; body: string }) => channel.post({ type: 'notify', kind: event.kind, title: event.title, body: event.body });
  const dialogs = saveDialogRequests(channel);
  const start = await startEngineInFolder({ ...deps, notify: { ...deps.notify, desktop }, chooseExportFile: dialogs.ask });
  if (!start.started) {
    logger.error('The engine could not start', { ...start.failure });
    channel.post({ type: 'failed', failure: start.failure });
    return;
  }
  const { engine } = start;
  const serve = contractServer(engine);
  const webhooks = engine.services.webhooks.status();
  channel.post({ type: 'ready', pid: process.pid, webhookUrl: webhooks.url, webhookError: webhooks.error });
  await new Promise<void>((resolve) => {
    let stopping = false;
    channel.onMessage((message, ports) => {
      if (message.type === 'connect') {
        for (const port of ports) {
          if (stopping) port.close();
          else serve(port);
        }
      } else if (message.type === 'exportFileChosen') {
        dialogs.answer(message.id, message.file);
      } else if (message.type === 'wake' && !stopping) {
        engine.logger.info('The computer woke from sleep: reconciling every account');
        void engine.services.reconciliation.reconcileAll('wake');
      } else if (message.type === 'emergencyStop' && !stopping) {
        void engine.services.emergency.engage('block', message.source).catch((error: unknown) => engine.logger.error('The emergency stop could not be stored (it holds until this engine stops)', { error: String(error) }));
      } else if (message.type === 'stop' && !stopping) {
        stopping = true;
        void engine
          .stop()
          .catch((error: unknown) => logger.error('The engine did not stop cleanly', { error: String(error) }))
          .finally(() => {
            channel.post({ type: 'stopped' });
            resolve();
          });
      }
    });
  });
}

/**
 * The channel over a Node port (a worker's `parentPort`, or one end of a `MessageChannel` when the
 * engine runs in the caller's thread). Handed-over ports travel inside the message, `{ message, ports }`.
 */
export function nodePortChannel(port: Pick<MessagePort, 'on' | 'postMessage'>): HostChannel {
  return {
    onMessage: (listener) =>
      port.on('message', (value: { message?: unknown; ports?: ServablePort[] }) => isToEngineHost(value.message) && listener(value.message, value.ports ?? [])),
    post: (message) => port.postMessage(message),
  };
}

/** Save dialogs asked of the main process, each answered by its id (two exports may ask at once). */
function saveDialogRequests(channel: HostChannel) {
  const pending = new Map<number, (file: string | null) => void>();
  let next = 0;
  return {
    ask: (suggestedName: string) =>
      new Promise<string | null>((resolve) => {
        const id = ++next;
        pending.set(id, resolve);
        channel.post({ type: 'chooseExportFile', id, suggestedName });
      }),
    answer: (id: number, file: string | null) => {
      pending.get(id)?.(file);
      pending.delete(id);
    },
  };
}

export function isToEngineHost(value: unknown): value is ToEngineHost {
  const { type, source, id, file } = (value as { type?: unknown; source?: unknown; id?: unknown; file?: unknown } | null) ?? {};
  if (type === 'emergencyStop') return source === 'menu' || source === 'shortcut';
  if (type === 'exportFileChosen') return Number.isInteger(id) && (file === null || (typeof file === 'string' && isAbsolute(file)));
  return type === 'connect' || type === 'stop' || type === 'wake';
}
