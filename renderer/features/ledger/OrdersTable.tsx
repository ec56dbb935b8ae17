import { useState } from 'react';
import type { Order } from '../../../shared/domain/order.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { formatPrice, formatQty } from './decimal-format.ts';
import { type Column, Table, time } from './Table.tsx';

const columns: Column<Order>[] = [
  { header: 'Time', cell: (o) => time(o.tsInit) },
  { header: 'Side', cell: (o) => <span className={o.side === 'BUY' ? 'up' : 'down'}>{o.side}</span> },
  { header: 'Type', cell: (o) => o.type },
  { header: 'Qty', cell: (o) => formatQty(o.qty), numeric: true },
  { header: 'Avg fill', cell: (o) => (o.avgFillPx === null ? '—' : formatPrice(o.avgFillPx)), numeric: true },
  { header: 'Status', cell: (o) => <span title={o.rejectReason ?? undefined}>{o.status}</span> },
  { header: 'Client order id', cell: (o) => <code>{o.clientOrderId}</code> },
  { header: '', cell: (o) => (o.status === 'ACCEPTED' || o.status === 'PARTIALLY_FILLED' ? <CancelButton clientOrderId={o.clientOrderId} /> : null) },
];

function CancelButton({ clientOrderId }: { clientOrderId: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" onClick={() => client.orders.cancel({ clientOrderId }).then(() => setError(null), (e: unknown) => setError(errorMessage(e)))}>
        Cancel
      </button>
      {error && <span className="error"> {error}</span>}
    </>
  );
}

export function OrdersTable() {
  const orders = useLedgerStore((s) => s.orders);
  return <Table title="Orders" rows={orders} columns={columns} rowKey={(o) => o.clientOrderId} empty="No orders yet." />;
}
