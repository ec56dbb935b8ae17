import { useEffect } from 'react';
import { useWebhooksStore } from '../../stores/webhooks-store.ts';
import { ListenerSettings } from './ListenerSettings.tsx';
import { WebhookLog } from './WebhookLog.tsx';

/** The TradingView listener: where it listens, how to reach it, and every request it received. */
export function WebhooksPage() {
  const status = useWebhooksStore((s) => s.status);
  useEffect(() => {
    void useWebhooksStore.getState().refresh();
  }, []);
  return (
    <section className="detail" aria-label="Webhooks">
      <div className="panel">
        <h2>TradingView webhooks</h2>
        {status?.listening ? (
          <p>
            Listening at <code data-testid="listener-url">{status.url}</code>
          </p>
        ) : (
          <p className="error">The listener is not running{status?.error ? `: ${status.error}` : ''}.</p>
        )}
        {status?.exposed && (
          <p className="warning" role="alert">
            The listener accepts connections from other machines ({status.settings.host}). Anyone who learns a bot’s passphrase can trade it. Prefer a tunnel, or turn on “TradingView addresses only”.
          </p>
        )}
        <h3>Reaching it from TradingView</h3>
        <p className="muted">
          TradingView sends alerts only to ports 80 and 443 over the internet, so a desktop needs a tunnel. With Cloudflare’s free tunnel: <code>cloudflared tunnel --url http://127.0.0.1:{status?.settings.port ?? 8788}</code>, or with ngrok: <code>ngrok http {status?.settings.port ?? 8788}</code>. Paste the https address it prints, followed by <code>/webhook</code>, into the alert’s “Webhook URL”, and the message from the bot’s alert builder into “Message”.
        </p>
      </div>
      <ListenerSettings />
      <WebhookLog />
    </section>
  );
}
