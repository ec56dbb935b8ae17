import type { Trade } from '../../../shared/domain/position.ts';
import { accountCurrency, FEE_DECIMALS, formatMoney, formatPrice, formatQty } from '../../format.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';
import { Money } from './Money.tsx';
import { type Column, Table, time } from './Table.tsx';

export function TradesTable() {
  const trades = useLedgerStore((s) => s.trades);
  const instruments = useBotsStore((s) => s.instruments);
  const currency = accountCurrency(instruments);
  const of = (t: Trade) => instruments.find((i) => i.symbol === t.symbol);
  const columns: Column<Trade>[] = [
    { header: 'Closed', cell: (t) => time(t.closedAt) },
    { header: 'Symbol', cell: (t) => t.symbol },
    { header: 'Side', cell: (t) => t.side },
    { header: 'Qty', cell: (t) => formatQty(t.qty, of(t)), numeric: true },
    { header: 'Entry', cell: (t) => formatPrice(t.avgPxOpen, of(t)), numeric: true },
    { header: 'Exit', cell: (t) => formatPrice(t.avgPxClose, of(t)), numeric: true },
    { header: 'Fees', cell: (t) => formatMoney(t.fees, currency, FEE_DECIMALS), numeric: true },
    { header: 'P&L', cell: (t) => <Money value={t.realizedPnl} />, numeric: true },
  ];
  return <Table title="Trades" rows={trades} columns={columns} rowKey={(t) => String(t.id)} empty="No closed trades yet." />;
}
