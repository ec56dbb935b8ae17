import { Fragment, useState } from 'react';
import { WEBHOOK_OUTCOMES, type WebhookOutcome } from '../../../shared/domain/webhook.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { useWebhooksStore } from '../../stores/webhooks-store.ts';
import { time } from '../ledger/Table.tsx';

/** Every request the listener received, newest first; a row opens its (masked) body and orders. */
export function WebhookLog() {
  const { log, filter, setFilter } = useWebhooksStore();
  const bots = useBotsStore((s) => s.bots);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="panel webhook-log" aria-label="Webhook log">
      <h3>Webhook log</h3>
      <div className="row">
        <label>
          Bot{' '}
          <select aria-label="Filter by bot" value={filter.botId ?? ''} onChange={(e) => setFilter({ ...filter, botId: e.target.value || undefined })}>
            <option value="">all</option>
            {bots.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome{' '}
          <select aria-label="Filter by outcome" value={filter.outcome ?? ''} onChange={(e) => setFilter({ ...filter, outcome: (e.target.value || undefined) as WebhookOutcome | undefined })}>
            <option value="">all</option>
            {WEBHOOK_OUTCOMES.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
      </div>
      {log.length === 0 ? (
        <p className="muted">No requests yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Time</th>
              <th>Source</th>
              <th>Bot</th>
              <th className="num">Status</th>
              <th>Outcome</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {log.map((entry) => (
              <Fragment key={entry.id}>
                <tr className="clickable" onClick={() => setOpen(open === entry.id ? null : entry.id)}>
                  <td>{time(entry.ts)}</td>
                  <td>{entry.source}</td>
                  <td className="wrap">{bots.find((b) => b.id === entry.botId)?.name ?? entry.botId ?? '—'}</td>
                  <td className="num">{entry.statusCode}</td>
                  <td className={`outcome ${entry.outcome}`}>{entry.outcome}</td>
                  <td className="wrap reason">{entry.reason ?? ''}</td>
                </tr>
                {open === entry.id && (
                  <tr>
                    <td colSpan={6}>
                      <pre className="body">{entry.body || '(no body read)'}</pre>
                      <div className="muted">Orders: {entry.orderIds.length ? entry.orderIds.join(', ') : 'none'}</div>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
