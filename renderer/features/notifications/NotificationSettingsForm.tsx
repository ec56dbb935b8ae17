import { useEffect, useState } from 'react';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationSettings, type NotificationToggles } from '../../../shared/contract/notifications.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';

const KIND_NAMES: Record<NotificationKind, string> = {
  order_filled: 'Order filled',
  position_opened: 'Position opened',
  position_closed: 'Position closed (with P&L)',
  protection_hit: 'Stop-loss / take-profit hit',
  risk_lock: 'Risk limit locks entries',
  emergency_stop: 'Emergency stop pressed or lifted',
  webhook_refused: 'Webhook alert refused',
  connection_lost: 'Exchange connection lost',
  connection_restored: 'Exchange connection restored',
  action_needed: 'Action needed (keys refused)',
};

function Toggles({ name, value, onChange }: { name: string; value: NotificationToggles; onChange: (next: NotificationToggles) => void }) {
  return (
    <fieldset>
      <legend>{name}: which events</legend>
      {NOTIFICATION_KINDS.map((kind) => (
        <label key={kind} className="check">
          <input type="checkbox" checked={value[kind]} onChange={(e) => onChange({ ...value, [kind]: e.target.checked })} /> {KIND_NAMES[kind]}
        </label>
      ))}
    </fieldset>
  );
}

/** Desktop and Telegram settings. The bot token goes to the keychain and is never shown again. */
export function NotificationSettingsForm() {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => void client.notifications.settings().then(setSettings, (e: unknown) => setMessage(errorMessage(e))), []);
  if (!settings) return <p className="muted">{message ?? 'Loading…'}</p>;
  const { desktop, telegram } = settings;
  const save = async () => {
    try {
      const { tokenStored: _stored, ...rest } = telegram;
      setSettings(await client.notifications.configure({ desktop, telegram: { ...rest, ...(token ? { botToken: token } : {}) } }));
      setToken('');
      setMessage('Saved');
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };
  return (
    <form className="bell-settings" onSubmit={(e) => (e.preventDefault(), void save())}>
      <label className="check">
        <input type="checkbox" checked={desktop.enabled} onChange={(e) => setSettings({ ...settings, desktop: { ...desktop, enabled: e.target.checked } })} /> Desktop notifications
      </label>
      <Toggles name="Desktop" value={desktop.events} onChange={(events) => setSettings({ ...settings, desktop: { ...desktop, events } })} />
      <label className="check">
        <input type="checkbox" checked={telegram.enabled} onChange={(e) => setSettings({ ...settings, telegram: { ...telegram, enabled: e.target.checked } })} /> Telegram
      </label>
      <label>
        Chat id <input value={telegram.chatId ?? ''} placeholder="123456789 or @channel" onChange={(e) => setSettings({ ...settings, telegram: { ...telegram, chatId: e.target.value.trim() || null } })} />
      </label>
      <label>
        Bot token <input type="password" autoComplete="off" value={token} placeholder={telegram.tokenStored ? 'stored in the keychain (type to replace)' : 'from BotFather'} onChange={(e) => setToken(e.target.value)} />
      </label>
      <Toggles name="Telegram" value={telegram.events} onChange={(events) => setSettings({ ...settings, telegram: { ...telegram, events } })} />
      <button type="submit">Save</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
