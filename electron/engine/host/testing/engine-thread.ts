import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { Contract } from '../../../../shared/contract/index.ts';
import type { EngineDeps } from '../../index.ts';
import { nodePortChannel, runEngineHost } from '../engine-host.ts';
import type { FromEngineHost, ToEngineHost } from '../host-protocol.ts';

export type ContractClient = ContractRouterClient<Contract>;

/** The starter's end of an engine host: a Worker, or one end of a MessageChannel for an in-thread engine. */
interface HostEnd {
  on(event: 'message', listener: (value: FromEngineHost) => void): unknown;
  postMessage(value: unknown, transfer: MessagePort[]): void;
}

/** Starts and talks to an engine host exactly as Electron's main process does, over real MessagePorts. */
export interface EngineHostHandle {
  /** The host's first word: `ready` or `failed`. */
  started: Promise<FromEngineHost>;
  /** A new MessageChannel whose far end is handed to the engine; the contract client runs on the near end. */
  connect(): { client: ContractClient; port: MessagePort };
  /** Asks the host to stop and waits until it says `stopped`. */
  stop(): Promise<void>;
}

function handle(end: HostEnd, finished: Promise<unknown>): EngineHostHandle {
  const send = (message: ToEngineHost, ports: MessagePort[] = []) => end.postMessage({ message, ports }, ports);
  // A host that dies before its first word (an import error) ends `finished` instead.
  const started = Promise.race([
    new Promise<FromEngineHost>((resolve) => end.on('message', resolve)),
    finished.then((outcome) => Promise.reject(new Error(`The engine host ended before starting: ${String(outcome)}`))),
  ]);
  return {
    started,
    connect: () => {
      const { port1, port2 } = new MessageChannel();
      send({ type: 'connect' }, [port2]);
      port1.start();
      return { client: createORPCClient<ContractClient>(new RPCLink({ port: port1 })), port: port1 };
    },
    stop: async () => {
      if ((await started).type !== 'ready') return;
      send({ type: 'stop' });
      await finished;
    },
  };
}

const ENTRY = new URL('../engine-entry.ts', import.meta.url);

/** The real engine entry in a worker thread: the same file Electron runs in a utility process. */
export function startEngineWorker(dataDir: string, extraArgs = ['--quiet', '--manual-market', '--webhook-port', '0']): EngineHostHandle & { worker: Worker } {
  const worker = new Worker(ENTRY, { argv: ['--data', dataDir, ...extraArgs] });
  const exited = new Promise((resolve) => {
    worker.once('error', resolve);
    worker.once('exit', resolve);
  });
  return { ...handle(worker, exited), worker };
}

/** The same host on the caller's own thread: what running the engine on Electron's main process means. */
export function startEngineInThread(deps: EngineDeps): EngineHostHandle {
  const { port1, port2 } = new MessageChannel();
  const finished = runEngineHost(nodePortChannel(port1), deps).finally(() => {
    port1.close();
  });
  return handle(port2, finished);
}
