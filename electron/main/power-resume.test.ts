import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { engineInWorker } from './testing/engine-in-worker.ts';

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
    const { engine, client } = await engineInWorker();
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
  });
});
