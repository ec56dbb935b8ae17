import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import type { Contract } from '../../shared/contract/index.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';

vi.mock('electron', () => ({}));
const { engineProcess } = await import('./engine-process.ts');
const { reconcileOnResume } = await import('./power-resume.ts');

function fakeChild() {
  const child = Object.assign(new EventEmitter(), { sent: [] as unknown[], postMessage: (message: unknown) => child.sent.push(message), kill: vi.fn(() => child.emit('exit', 15)) });
  return child;
}

describe('wake from sleep (Electron powerMonitor faked)', () => {
  it('tells the engine on every resume, and not once it is stopping', async () => {
    const powerMonitor = new EventEmitter();
    const child = fakeChild();
    const engine = engineProcess(child as never);
    const logged: string[] = [];
    reconcileOnResume(powerMonitor as never, engine, (message) => logged.push(message));
    powerMonitor.emit('suspend');
    expect(child.sent).toEqual([]);
    powerMonitor.emit('resume');
    powerMonitor.emit('resume');
    expect(child.sent).toEqual([{ type: 'wake' }, { type: 'wake' }]);
    expect(logged).toHaveLength(2);
    const stopping = engine.stop();
    child.emit('exit', 0);
    await stopping;
    powerMonitor.emit('resume');
    expect(child.sent).toEqual([{ type: 'wake' }, { type: 'wake' }, { type: 'stop' }]);
  });

  it('makes the real engine reconcile every account again', async () => {
    const worker = new Worker(new URL('../engine/host/engine-entry.ts', import.meta.url), { argv: ['--data', tempDir(), '--quiet', '--manual-market', '--webhook-port', '0'] });
    const engine = engineProcess({
      on: (event: string, listener: (...args: unknown[]) => void) => worker.on(event, listener),
      once: (event: string, listener: (...args: unknown[]) => void) => worker.once(event, listener),
      postMessage: (message: unknown, ports: MessagePort[] = []) => worker.postMessage({ message, ports }, ports as never),
      kill: () => void worker.terminate(),
    } as never);
    expect((await engine.started).type).toBe('ready');
    const { port1, port2 } = new MessageChannel();
    engine.handOver(port2 as never);
    port1.start();
    const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ port: port1 }));
    const [paper] = await client.reconcile.list();
    expect(paper).toMatchObject({ accountId: 'paper', state: 'ready', mismatches: [] });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the next run finishes at a later millisecond
    const powerMonitor = new EventEmitter();
    reconcileOnResume(powerMonitor as never, engine, () => undefined);
    powerMonitor.emit('resume');
    let again = paper;
    for (let i = 0; i < 200 && again?.lastFinishedAt === paper?.lastFinishedAt; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      [again] = await client.reconcile.list();
    }
    expect(again?.lastFinishedAt).toBeGreaterThan(paper?.lastFinishedAt ?? Number.POSITIVE_INFINITY);
    await engine.stop();
    port1.close();
  });
});
