import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { engineInWorker } from './testing/engine-in-worker.ts';

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
    const { child, engine, client } = await engineInWorker();
    child.postMessage({ type: 'emergencyStop', source: 'someone' });
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
  });
});
