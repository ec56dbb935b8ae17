import { useEffect, useState } from 'react';
import { browserCanAsk, followNotifications, useNotificationsStore } from './notifications-store.ts';
import { NotificationSettingsForm } from './NotificationSettingsForm.tsx';

const time = (ts: number) => new Date(ts).toLocaleString();

/** The bell in the header: the count of unread notifications, and the alerts centre under it. */
export function NotificationBell() {
  const { items, unread, markAllRead } = useNotificationsStore();
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState(false);
  const [canAsk, setCanAsk] = useState(browserCanAsk);
  useEffect(() => {
    const stop = new AbortController();
    void followNotifications(stop.signal);
    return () => stop.abort();
  }, []);
  return (
    <div className="bell">
      <button type="button" className="bell-button" aria-label={`Notifications, ${unread} unread`} aria-expanded={open} onClick={() => setOpen(!open)} data-testid="notification-bell">
        <BellIcon />
        {unread > 0 && <span className="bell-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <section className="bell-panel" aria-label="Alerts centre">
          <div className="bell-actions">
            <strong>Alerts</strong>
            <button type="button" disabled={unread === 0} onClick={() => void markAllRead()}>
              Mark all read
            </button>
            <button type="button" onClick={() => setSettings(!settings)}>
              {settings ? 'Back to alerts' : 'Settings'}
            </button>
          </div>
          {canAsk && (
            <button type="button" onClick={() => void window.Notification.requestPermission().then(() => setCanAsk(browserCanAsk()))}>
              Show these as browser notifications too
            </button>
          )}
          {settings ? (
            <NotificationSettingsForm />
          ) : items.length === 0 ? (
            <p className="muted">Nothing yet: fills, closed positions, stop-losses and refused alerts appear here.</p>
          ) : (
            <ul className="bell-list">
              {items.map((n) => (
                <li key={n.id} className={n.read ? 'read' : 'unread'}>
                  <div className="bell-title">{n.title}</div>
                  <div className="bell-body">{n.body}</div>
                  <time className="muted">{time(n.ts)}</time>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

/** Drawn, not an emoji: a system without an emoji font would show an empty box. */
function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
