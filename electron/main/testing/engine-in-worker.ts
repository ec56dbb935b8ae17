import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { Contract } from '../../../shared/contract/index.ts';
import { tempDir } from '../../engine/testing/temp-dir.ts';
import { engineProcess } from '../engine-process.ts';

/** The real engine entry in a worker thread, shaped like Electron's utilityProcess (which cannot run here). */
export function workerAsUtilityProcess(dataDir: string) {
  const worker = new Worker(new URL('../../engine/host/engine-entry.ts', import.meta.url), { argv: ['--data', dataDir, '--quiet', '--manual-market', '--webhook-port', '0'] });
  return {
    on: (event: string, listener: (...args: unknown[]) => void) => worker.on(event, listener),
    once: (event: string, listener: (...args: unknown[]) => void) => worker.once(event, listener),
    postMessage: (message: unknown, ports: MessagePort[] = []) => worker.postMessage({ message, ports }, ports as never),
    kill: () => void worker.terminate(),
  };
}

/** The real engine behind the main process's `engineProcess`, started, with a contract client on a port handed over to it. */
export async function engineInWorker() {
  const child = workerAsUtilityProcess(tempDir());
  const engine = engineProcess(child as never);
  const started = await engine.started;
  if (started.type !== 'ready') throw new Error(`The engine did not start: ${JSON.stringify(started)}`);
  const { port1, port2 } = new MessageChannel();
  engine.handOver(port2 as never);
  port1.start();
  const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ port: port1 }));
  return { child, engine, client };
}
