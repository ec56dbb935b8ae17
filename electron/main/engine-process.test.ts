import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import type { Contract } from '../../shared/contract/index.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { workerAsUtilityProcess } from './testing/engine-in-worker.ts';

vi.mock('electron', () => ({}));
const { engineProcess } = await import('./engine-process.ts');

/** Stands in for Electron's UtilityProcess: the main process's calls are recorded, the engine's words are emitted. */
function fakeChild() {
  const child = Object.assign(new EventEmitter(), { sent: [] as unknown[], postMessage: (message: unknown) => child.sent.push(message), kill: vi.fn(() => child.emit('exit', 15)) });
  return child;
}

describe('engine process (main side)', () => {
  it('is started when the engine says ready, and failed when it dies first', async () => {
    const up = fakeChild();
    const started = engineProcess(up as never).started;
    up.emit('message', { type: 'ready', pid: 7, webhookUrl: null, webhookError: null });
    expect(await started).toMatchObject({ type: 'ready', pid: 7 });

    const dead = fakeChild();
    const failed = engineProcess(dead as never).started;
    dead.emit('exit', 9);
    expect(await failed).toEqual({ type: 'failed', failure: { kind: 'unknown', detail: 'The engine process ended (exit code 9) before it was ready.' } });
  });

  it('reports an exit nobody asked for, but not the one after stop', async () => {
    const crashed = fakeChild();
    const crashes: number[] = [];
    engineProcess(crashed as never).onUnexpectedExit((code) => crashes.push(code));
    crashed.emit('exit', 134);
    await Promise.resolve();

    const stopped = fakeChild();
    const engine = engineProcess(stopped as never);
    engine.onUnexpectedExit((code) => crashes.push(code));
    const stopping = engine.stop();
    expect(stopped.sent).toEqual([{ type: 'stop' }]);
    stopped.emit('exit', 0);
    await stopping;
    expect(crashes).toEqual([134]);
  });

  it('kills an engine that does not stop in time', async () => {
    const stuck = fakeChild();
    await engineProcess(stuck as never).stop(0);
    expect(stuck.kill).toHaveBeenCalled();
  });
});


describe('engine process with the real engine entry', () => {
  it('relays a renderer port to the engine, which serves the contract on it; stop ends the process', async () => {
    const engine = engineProcess(workerAsUtilityProcess(tempDir()) as never);
    expect((await engine.started).type).toBe('ready');
    const { port1, port2 } = new MessageChannel();
    engine.handOver(port2 as never);
    port1.start();
    const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ port: port1 }));
    const bot = await client.bots.create({ name: 'Relayed', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 3, slow: 8 }, orderQty: 0.01, account: 'paper' });
    expect(await client.bots.get({ id: bot.id })).toMatchObject({ name: 'Relayed', status: 'stopped' });
    const crashes: number[] = [];
    engine.onUnexpectedExit((code) => crashes.push(code));
    await engine.stop();
    expect(crashes).toEqual([]);
    port1.close();
  });
});
