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
const { registerEmergencyShortcut } = await import('./emergency-shortcut.ts');

/** Electron's globalShortcut, faked: `press` runs what was registered; `heldElsewhere` refuses the keys. */
function fakeShortcuts(heldElsewhere = false) {
  const registered = new Map<string, () => void>();
  return {
    register: (accelerator: string, callback: () => void) => {
      if (heldElsewhere) return false;
      registered.set(accelerator, callback);
      return true;
    },
    press: (accelerator: string) => registered.get(accelerator)?.(),
    registered,
  };
}

function fakeChild() {
  const child = Object.assign(new EventEmitter(), { sent: [] as unknown[], postMessage: (message: unknown) => child.sent.push(message), kill: vi.fn(() => child.emit('exit', 15)) });
  return child;
}

describe('the emergency stop global shortcut (Electron faked)', () => {
  it('sends the engine an emergency stop on Ctrl/Cmd+Shift+X, and nothing once the engine is stopping', async () => {
    const shortcuts = fakeShortcuts();
    const child = fakeChild();
    const engine = engineProcess(child as never);
    const logged: string[] = [];
    expect(registerEmergencyShortcut(shortcuts, engine, (m) => logged.push(m))).toBe(true);
    shortcuts.press('CommandOrControl+Shift+X');
    expect(child.sent).toEqual([{ type: 'emergencyStop', source: 'shortcut' }]);
    const stopping = engine.stop();
    child.emit('exit', 0);
    await stopping;
    shortcuts.press('CommandOrControl+Shift+X');
    expect(child.sent).toEqual([{ type: 'emergencyStop', source: 'shortcut' }, { type: 'stop' }]);
    expect(logged).toEqual([expect.stringContaining('blocking every new entry'), expect.stringContaining('while the engine is stopping')]);
  });

  it('says where else to find the stop when another application holds the keys', () => {
    const logged: string[] = [];
    expect(registerEmergencyShortcut(fakeShortcuts(true), engineProcess(fakeChild() as never), (m) => logged.push(m))).toBe(false);
    expect(logged).toEqual([expect.stringContaining('Trading → Emergency Stop')]);
  });

  it('makes the real engine block every new entry, and ignores a malformed message', async () => {
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
    worker.postMessage({ message: { type: 'emergencyStop', source: 'someone' }, ports: [] });
    expect((await client.risk.status()).level).toBeNull();
    const shortcuts = fakeShortcuts();
    registerEmergencyShortcut(shortcuts, engine, () => undefined);
    shortcuts.press('CommandOrControl+Shift+X');
    let status = await client.risk.status();
    for (let i = 0; i < 200 && status.level === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = await client.risk.status();
    }
    expect(status).toMatchObject({ level: 'block', by: 'shortcut' });
    await engine.stop();
    port1.close();
  });
});
