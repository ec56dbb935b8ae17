import type { Trade } from '../../../shared/domain/position.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { formatPrice, formatQty } from './decimal-format.ts';
import { Money } from './Money.tsx';
import { type Column, Table, time } from './Table.tsx';

const columns: Column<Trade>[] = [
  { header: 'Closed', cell: (t) => time(t.closedAt) },
  { header: 'Side', cell: (t) => t.side },
  { header: 'Qty', cell: (t) => formatQty(t.qty), numeric: true },
  { header: 'Entry', cell: (t) => formatPrice(t.avgPxOpen), numeric: true },
  { header: 'Exit', cell: (t) => formatPrice(t.avgPxClose), numeric: true },
  { header: 'Fees', cell: (t) => formatPrice(t.fees), numeric: true },
  { header: 'P&L', cell: (t) => <Money value={t.realizedPnl} />, numeric: true },
];

export function TradesTable() {
  const trades = useLedgerStore((s) => s.trades);
  return <Table title="Trades" rows={trades} columns={columns} rowKey={(t) => String(t.id)} empty="No closed trades yet." />;
}
