import type { BrowserWindow, Notification, NotificationConstructorOptions } from 'electron';
import type { EngineProcess } from './engine-process.ts';

type NotificationClass = { isSupported(): boolean; new (options: NotificationConstructorOptions): Pick<Notification, 'show' | 'on'> };

/** System notifications stay short: the full text is in the alerts centre. */
const MAX_BODY = 250;

/**
 * Shows the engine's notifications as system notifications (the engine runs in a utility process,
 * which cannot); clicking one brings the window forward. Nothing is shown where the system has none.
 */
export function showDesktopNotifications(NotificationOf: NotificationClass, engine: Pick<EngineProcess, 'onNotify'>, window: () => Pick<BrowserWindow, 'show' | 'focus' | 'isMinimized' | 'restore'> | null): void {
  engine.onNotify(({ title, body }) => {
    if (!NotificationOf.isSupported()) return;
    const shown = new NotificationOf({ title: title.slice(0, 120), body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body });
    shown.on('click', () => {
      const target = window();
      if (!target) return;
      if (target.isMinimized()) target.restore();
      target.show();
      target.focus();
    });
    shown.show();
  });
}
