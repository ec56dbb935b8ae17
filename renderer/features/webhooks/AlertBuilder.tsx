import { useState } from 'react';
import type { BotSummary } from '../../../shared/domain/bot.ts';
import { ALERT_ACTIONS, AMOUNT_TYPES, type AmountType } from '../../../shared/domain/webhook.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { useWebhooksStore } from '../../stores/webhooks-store.ts';
import { Field } from '../bots/Field.tsx';
import { type AlertTemplate, buildAlertMessage, renderPlaceholders } from './alert-message.ts';
import { CopyButton } from './CopyButton.tsx';

/** Builds the alert text to paste into TradingView, and sends it to the listener as a test. */
export function AlertBuilder({ bot }: { bot: BotSummary }) {
  const { status, passphrases, rotate, remember } = useWebhooksStore();
  const passphrase = passphrases[bot.id] ?? '';
  const [template, setTemplate] = useState<Omit<AlertTemplate, 'botId' | 'passphrase'>>({ action: 'strategy', amount: 'strategy', amountType: 'contracts', orderType: 'market', stopLoss: '', takeProfit: '' });
  const [test, setTest] = useState<{ statusCode: number; body: string } | { error: string } | null>(null);
  const message = buildAlertMessage({ ...template, botId: bot.id, passphrase });
  const set = <K extends keyof typeof template>(key: K) => (value: (typeof template)[K]) => setTemplate({ ...template, [key]: value });

  async function sendTest() {
    setTest(null);
    const lastPx = useLedgerStore.getState().positions.find((p) => p.symbol === bot.symbol)?.lastPx;
    const ticker = bot.symbol.replace('/', '');
    const rendered = renderPlaceholders(message, { ticker, close: lastPx ?? 0, size: bot.orderQty, now: new Date() });
    try {
      setTest(await client.webhooks.sendTest({ message: rendered }));
    } catch (error) {
      setTest({ error: errorMessage(error) });
    }
  }

  return (
    <section className="panel alert-builder" aria-label="TradingView alert">
      <h3>TradingView alert</h3>
      <div className="row">
        <span className="muted">Webhook URL (through your tunnel; see Webhooks):</span>
        <code data-testid="webhook-url">{status?.url ?? 'listener not running'}</code>
        {status?.url && <CopyButton text={status.url} label="Copy URL" />}
      </div>
      <div className="row">
        <Field label="Passphrase" error={undefined}>
          <input value={passphrase} placeholder="Generate one, or paste the one you saved" onChange={(e) => remember(bot.id, e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
        <button type="button" onClick={() => rotate(bot.id).catch((error: unknown) => setTest({ error: errorMessage(error) }))}>
          Generate new passphrase
        </button>
      </div>
      <p className="muted">A new passphrase replaces the old one at once. StoxRobot keeps only a fingerprint of it: copy the message now; you will not see this passphrase again after you leave.</p>
      <div className="grid">
        <Field label="Action" error={undefined}>
          <select value={template.action} onChange={(e) => set('action')(e.target.value as AlertTemplate['action'])}>
            <option value="strategy">from the strategy ({'{{strategy.order.action}}'})</option>
            {ALERT_ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </Field>
        <Field label="Amount" error={undefined}>
          <input value={template.amount} placeholder={`empty: ${bot.orderQty}`} onChange={(e) => set('amount')(e.target.value)} />
        </Field>
        <Field label="Amount type" error={undefined}>
          <select value={template.amountType} onChange={(e) => set('amountType')(e.target.value as AmountType)}>
            {AMOUNT_TYPES.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </Field>
        <Field label="Order type" error={undefined}>
          <select value={template.orderType} onChange={(e) => set('orderType')(e.target.value as 'market' | 'limit')}>
            <option>market</option>
            <option>limit</option>
          </select>
        </Field>
        <Field label="Stop-loss" error={undefined}>
          <input value={template.stopLoss} placeholder="price or 2%" onChange={(e) => set('stopLoss')(e.target.value)} />
        </Field>
        <Field label="Take-profit" error={undefined}>
          <input value={template.takeProfit} placeholder="price or 4%" onChange={(e) => set('takeProfit')(e.target.value)} />
        </Field>
      </div>
      <Field label="Alert message" error={undefined}>
        <textarea readOnly value={message} rows={12} data-testid="alert-message" />
      </Field>
      <div className="actions">
        <CopyButton text={message} label="Copy message" />
        <button type="button" className="primary" onClick={() => void sendTest()} disabled={!passphrase || !status?.listening}>
          Send test alert
        </button>
      </div>
      {test && (
        <p className={'error' in test || test.statusCode >= 300 ? 'error' : 'ok'} role="status" data-testid="test-result">
          {'error' in test ? test.error : `${test.statusCode}: ${test.body}`}
        </p>
      )}
    </section>
  );
}
