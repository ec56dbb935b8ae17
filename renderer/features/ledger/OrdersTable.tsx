import { useMemo, useState } from 'react';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Order, OrderSource } from '../../../shared/domain/order.ts';
import { formatPrice, formatQty } from '../../format.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { OrderDetail } from './OrderDetail.tsx';
import { type Column, Table, time } from './Table.tsx';

/** Who placed the order, in the trader's words. */
const SOURCE_LABEL: Record<OrderSource, string> = { strategy: 'Bot', alert: 'Alert', manual: 'Manual', protection: 'Stop/TP', emergency: 'Emergency' };

const CANCELABLE = new Set(['PENDING_SUBMIT', 'ACCEPTED', 'PARTIALLY_FILLED']);

/** Prices and quantities on each row's own instrument (its tick and step decimals). */
const columnsFor = (instrumentOf: (symbol: string) => Instrument | undefined): Column<Order>[] => [
  { header: 'Time', cell: (o) => time(o.tsInit) },
  { header: 'Symbol', cell: (o) => o.symbol },
  { header: 'Side', cell: (o) => <span className={o.side === 'BUY' ? 'up' : 'down'}>{o.side}</span> },
  { header: 'Type', cell: (o) => (o.triggerPrice === null ? o.type : `${o.type} @ ${formatPrice(o.triggerPrice, instrumentOf(o.symbol))}`) },
  { header: 'Source', cell: (o) => SOURCE_LABEL[o.source] },
  { header: 'Qty', cell: (o) => formatQty(o.qty, instrumentOf(o.symbol)), numeric: true },
  { header: 'Price', cell: (o) => (o.price === null ? 'market' : formatPrice(o.price, instrumentOf(o.symbol))), numeric: true },
  { header: 'Filled', cell: (o) => formatQty(o.filledQty, instrumentOf(o.symbol)), numeric: true },
  { header: 'Avg fill', cell: (o) => (o.avgFillPx === null ? '—' : formatPrice(o.avgFillPx, instrumentOf(o.symbol))), numeric: true },
  {
    header: 'Status',
    cell: (o) => (
      <span className={o.status === 'REJECTED' ? 'down' : undefined}>
        {o.status}
        {o.rejectReason && <span className="reason"> — {o.rejectReason}</span>}
      </span>
    ),
  },
  { header: '', cell: (o) => (CANCELABLE.has(o.status) ? <CancelButton clientOrderId={o.clientOrderId} /> : null) },
];

function CancelButton({ clientOrderId }: { clientOrderId: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={(e) => {
          e.stopPropagation(); // the row's click opens the order's history
          client.orders.cancel({ clientOrderId }).then(() => setError(null), (err: unknown) => setError(errorMessage(err)));
        }}
      >
        Cancel
      </button>
      {error && <span className="error"> {error}</span>}
    </>
  );
}

export function OrdersTable() {
  const orders = useLedgerStore((s) => s.orders);
  const instruments = useBotsStore((s) => s.instruments);
  const columns = useMemo(() => columnsFor((symbol) => instruments.find((i) => i.symbol === symbol)), [instruments]);
  const [selected, setSelected] = useState<string | null>(null);
  const selectedRow = orders.find((o) => o.clientOrderId === selected);
  return (
    <Table title="Orders" rows={orders} columns={columns} rowKey={(o) => o.clientOrderId} empty="No orders yet." onSelect={(o) => setSelected(o.clientOrderId === selected ? null : o.clientOrderId)} selectedKey={selected}>
      {selected && <OrderDetail clientOrderId={selected} version={selectedRow} />}
    </Table>
  );
}
