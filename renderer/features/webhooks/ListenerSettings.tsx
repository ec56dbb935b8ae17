import { useEffect, useState, type FormEvent } from 'react';
import { TrustedProxySchema, WebhookSettingsSchema, type WebhookSettings } from '../../../shared/domain/webhook.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage, fieldErrors } from '../../rpc/errors.ts';
import { useWebhooksStore } from '../../stores/webhooks-store.ts';
import { Field } from '../bots/Field.tsx';

type Draft = Record<keyof WebhookSettings, string>;

/** The labels beside the fields, which errors name (as the bot form's do). */
const LABELS: Record<Exclude<keyof WebhookSettings, 'allowTradingViewIpsOnly'>, string> = {
  host: 'Address',
  port: 'Port',
  maxAgeSeconds: 'Maximum alert age',
  rateLimitPerSecond: 'Alerts per second',
  rateLimitBurst: 'Burst',
  trustedProxy: 'Sender’s address behind a tunnel',
  logRetentionDays: 'Keep log entries for',
  logMaxEntries: 'Keep at most',
};

/** An empty field is missing (not 0, which would pick a random port); anything else is read as a number. */
const toNumber = (text: string): unknown => (text.trim() === '' ? undefined : Number(text));

const toDraft = (s: WebhookSettings): Draft => ({
  host: s.host,
  port: String(s.port),
  maxAgeSeconds: String(s.maxAgeSeconds),
  allowTradingViewIpsOnly: String(s.allowTradingViewIpsOnly),
  rateLimitPerSecond: String(s.rateLimitPerSecond),
  rateLimitBurst: String(s.rateLimitBurst),
  trustedProxy: s.trustedProxy,
  logRetentionDays: String(s.logRetentionDays),
  logMaxEntries: String(s.logMaxEntries),
});

export function ListenerSettings() {
  const settings = useWebhooksStore((s) => s.status?.settings);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (settings && !draft) setDraft(toDraft(settings));
  }, [settings, draft]);
  if (!draft) return null;
  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const parsed = WebhookSettingsSchema.safeParse({
      host: draft.host.trim(),
      port: toNumber(draft.port),
      maxAgeSeconds: toNumber(draft.maxAgeSeconds),
      allowTradingViewIpsOnly: draft.allowTradingViewIpsOnly === 'true',
      rateLimitPerSecond: toNumber(draft.rateLimitPerSecond),
      rateLimitBurst: toNumber(draft.rateLimitBurst),
      trustedProxy: TrustedProxySchema.catch('off').parse(draft.trustedProxy),
      logRetentionDays: toNumber(draft.logRetentionDays),
      logMaxEntries: toNumber(draft.logMaxEntries),
    });
    setMessage(null);
    if (!parsed.success) return setErrors(fieldErrors({ data: { issues: parsed.error.issues } }, LABELS));
    setErrors({});
    try {
      const status = await client.webhooks.configure(parsed.data);
      useWebhooksStore.setState({ status });
      setMessage(status.listening ? 'Saved; the listener restarted.' : `Saved, but ${status.error}`);
    } catch (error) {
      const byField = fieldErrors(error, LABELS);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setMessage(errorMessage(error));
    }
  }

  return (
    <form className="panel grid-form" onSubmit={save} aria-label="Listener settings" noValidate>
      <h3>Listener settings</h3>
      <Field label={LABELS.host} error={errors.host}>
        <input value={draft.host} onChange={(e) => set('host')(e.target.value)} />
      </Field>
      <Field label={LABELS.port} error={errors.port}>
        <input inputMode="numeric" value={draft.port} onChange={(e) => set('port')(e.target.value)} />
      </Field>
      <Field label={`${LABELS.maxAgeSeconds} (seconds, 0 = no limit)`} error={errors.maxAgeSeconds}>
        <input inputMode="numeric" value={draft.maxAgeSeconds} onChange={(e) => set('maxAgeSeconds')(e.target.value)} />
      </Field>
      <Field label={`${LABELS.rateLimitPerSecond} per bot`} error={errors.rateLimitPerSecond}>
        <input inputMode="decimal" value={draft.rateLimitPerSecond} onChange={(e) => set('rateLimitPerSecond')(e.target.value)} />
      </Field>
      <Field label={LABELS.rateLimitBurst} error={errors.rateLimitBurst}>
        <input inputMode="numeric" value={draft.rateLimitBurst} onChange={(e) => set('rateLimitBurst')(e.target.value)} />
      </Field>
      <Field label="TradingView addresses only (direct exposure)" error={undefined}>
        <select value={draft.allowTradingViewIpsOnly} onChange={(e) => set('allowTradingViewIpsOnly')(e.target.value)}>
          <option value="false">off (use with a tunnel)</option>
          <option value="true">on</option>
        </select>
      </Field>
      <Field label={`${LABELS.trustedProxy} (header read only from this computer)`} error={errors.trustedProxy}>
        <select value={draft.trustedProxy} onChange={(e) => set('trustedProxy')(e.target.value)}>
          <option value="off">off: the connection's own address</option>
          <option value="x-forwarded-for">X-Forwarded-For (ngrok, most tunnels)</option>
          <option value="cf-connecting-ip">CF-Connecting-IP (Cloudflare Tunnel)</option>
        </select>
      </Field>
      <Field label={`${LABELS.logRetentionDays} (days, 0 = no age limit)`} error={errors.logRetentionDays}>
        <input inputMode="numeric" value={draft.logRetentionDays} onChange={(e) => set('logRetentionDays')(e.target.value)} />
      </Field>
      <Field label={`${LABELS.logMaxEntries} (log entries)`} error={errors.logMaxEntries}>
        <input inputMode="numeric" value={draft.logMaxEntries} onChange={(e) => set('logMaxEntries')(e.target.value)} />
      </Field>
      {draft.host.trim() !== '127.0.0.1' && draft.host.trim() !== 'localhost' && <p className="warning">Listening on {draft.host} exposes the listener beyond this computer.</p>}
      <div className="actions">
        <button type="submit" className="primary">
          Save and restart listener
        </button>
        {message && <span role="status">{message}</span>}
      </div>
    </form>
  );
}
