import { useEffect, useState } from 'react';
import type { Order, OrderEvent } from '../../../shared/domain/order.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { time } from './Table.tsx';

/** One order and its full history: every event the venue or StoxRobot produced, applied or not. */
export function OrderDetail({ clientOrderId, version }: { clientOrderId: string; version: Order | undefined }) {
  const [detail, setDetail] = useState<{ order: Order; events: OrderEvent[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  // `version` is the row in the list: when it changes (a new event), the history is read again.
  useEffect(() => {
    let current = true;
    client.orders.detail({ clientOrderId }).then(
      (d) => current && (setDetail(d), setError(null)),
      (e: unknown) => current && setError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [clientOrderId, version]);

  if (error) return <p className="error">{error}</p>;
  if (!detail) return <p className="muted">Loading the order’s history…</p>;
  const { order, events } = detail;
  return (
    <div className="order-detail" aria-label={`Order ${order.clientOrderId}`}>
      <h4>
        {order.side} {order.qty} {order.symbol} {order.type}
        {order.price === null ? '' : ` @ ${order.price}`} — {order.status}
      </h4>
      <p className="muted">
        Client order id <code>{order.clientOrderId}</code> · venue {order.venue} order id <code>{order.venueOrderId ?? 'not yet known'}</code>
        {order.rejectReason && <span className="error"> · {order.rejectReason}</span>}
      </p>
      <table>
        <thead>
          <tr>
            <th>Time</th>
            <th>Event</th>
            <th>Status after</th>
            <th>What happened</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className={e.applied ? undefined : 'muted'}>
              <td>{time(e.tsEvent)}</td>
              <td>{e.kind.replace('_', ' ')}</td>
              <td>{e.statusAfter}</td>
              <td className="wrap">
                {e.detail}
                {!e.applied && ' (not applied)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
