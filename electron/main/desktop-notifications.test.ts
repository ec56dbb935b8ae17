import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { engineProcess } = await import('./engine-process.ts');
const { showDesktopNotifications } = await import('./desktop-notifications.ts');

/** Electron's Notification, recorded: what was shown, and a click the test can make. */
function fakeNotifications(supported: boolean) {
  const shown: { title: string; body: string; click: () => void }[] = [];
  class FakeNotification extends EventEmitter {
    static isSupported = () => supported;
    readonly #options: { title?: string; body?: string };
    constructor(options: { title?: string; body?: string }) {
      super();
      this.#options = options;
    }
    show() {
      shown.push({ title: this.#options.title ?? '', body: this.#options.body ?? '', click: () => this.emit('click') });
    }
  }
  return { FakeNotification, shown };
}

const fakeChild = () => Object.assign(new EventEmitter(), { postMessage: vi.fn(), kill: vi.fn() });

describe('desktop notifications (main side)', () => {
  it('shows each notify message of the engine, shortened, and a click brings the window back', () => {
    const child = fakeChild();
    const { FakeNotification, shown } = fakeNotifications(true);
    const window = { show: vi.fn(), focus: vi.fn(), isMinimized: () => true, restore: vi.fn() };
    showDesktopNotifications(FakeNotification as never, engineProcess(child as never), () => window);
    child.emit('message', { type: 'notify', kind: 'position_closed', title: 'Position closed: SOL/USDT, P&L -6.19 USDT', body: 'x'.repeat(1_000) });
    child.emit('message', { type: 'ready', pid: 1, webhookUrl: null, webhookError: null });
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('Position closed: SOL/USDT, P&L -6.19 USDT');
    expect(shown[0]?.body).toHaveLength(250);
    shown[0]?.click();
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('shows nothing where the system has no notifications, and a click with no window does nothing', () => {
    const child = fakeChild();
    const none = fakeNotifications(false);
    showDesktopNotifications(none.FakeNotification as never, engineProcess(child as never), () => null);
    child.emit('message', { type: 'notify', kind: 'order_filled', title: 't', body: 'b' });
    expect(none.shown).toEqual([]);
    const some = fakeNotifications(true);
    showDesktopNotifications(some.FakeNotification as never, engineProcess(child as never), () => null);
    child.emit('message', { type: 'notify', kind: 'order_filled', title: 't', body: 'b' });
    expect(() => some.shown[0]?.click()).not.toThrow();
  });
});
