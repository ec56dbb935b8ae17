import { create } from 'zustand';
import type { Notification } from '../../../shared/contract/notifications.ts';
import { client } from '../../rpc/client.ts';
import { followStream } from '../../rpc/follow-stream.ts';
import { singleFlight } from '../../stores/single-flight.ts';

interface NotificationsState {
  items: Notification[];
  unread: number;
  refresh(): Promise<void>;
  markAllRead(): Promise<void>;
}

export const useNotificationsStore = create<NotificationsState>((set) => ({
  items: [],
  unread: 0,
  refresh: singleFlight(async () => set(await client.notifications.list({ limit: 100 }))),
  markAllRead: async () => {
    const { unread } = await client.notifications.markRead({ all: true });
    set((s) => ({ unread, items: s.items.map((n) => ({ ...n, read: true })) }));
  },
}));

/** The desktop app's main process shows system notifications itself; a browser (the headless host) shows its own. */
const inBrowser = () => location.protocol !== 'app:' && typeof window.Notification === 'function';

function showInBrowser(notification: Notification): void {
  if (inBrowser() && window.Notification.permission === 'granted') new window.Notification(notification.title, { body: notification.body, tag: `stoxrobot-${notification.id}` });
}

export const browserCanAsk = (): boolean => inBrowser() && window.Notification.permission === 'default';

/** Follows the engine's notification stream: each arrival re-reads the list (the stream carries the newest only). */
export function followNotifications(signal: AbortSignal): Promise<void> {
  const refresh = () => void useNotificationsStore.getState().refresh();
  return followStream((s) => client.notifications.stream(undefined, { signal: s }), { onOpen: refresh, onItem: (n) => (showInBrowser(n), refresh()) }, signal);
}
