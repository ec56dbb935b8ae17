import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { HistoryTrade, TradeSort } from '../../../shared/contract/trade-history.ts';
import { formatPrice, formatQty } from '../../format.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { Money } from '../ledger/Money.tsx';
import { time } from '../ledger/Table.tsx';
import { useTradesStore } from './trades-store.ts';
import { formatDuration, formatPercent, modeLabel } from './trade-format.ts';

const ROW_PX = 32;
/** Rows left below the screen when the next page is asked for: it lands before the trader reaches the end. */
const PREFETCH_ROWS = 60;

interface ColumnSpec {
  header: string;
  sort?: TradeSort['by'];
  numeric?: boolean;
  cell(t: HistoryTrade, instrument: ReturnType<typeof useBotsStore.getState>['instruments'][number] | undefined): React.ReactNode;
}

const COLUMNS: ColumnSpec[] = [
  { header: 'Closed', sort: 'closedAt', cell: (t) => time(t.closedAt) },
  { header: 'Bot', sort: 'bot', cell: (t) => t.botName },
  { header: 'Account', cell: (t) => <span className={t.accountId === 'paper' ? 'mode paper' : 'mode live'}>{modeLabel(t.accountId)}</span> },
  { header: 'Symbol', sort: 'symbol', cell: (t) => t.symbol },
  { header: 'Side', cell: (t) => t.side },
  { header: 'Qty', numeric: true, cell: (t, i) => formatQty(t.qty, i) },
  { header: 'Entry', numeric: true, cell: (t, i) => formatPrice(t.avgPxOpen, i) },
  { header: 'Exit', numeric: true, cell: (t, i) => formatPrice(t.avgPxClose, i) },
  { header: 'P&L', sort: 'pnl', numeric: true, cell: (t) => <Money value={t.realizedPnl} /> },
  { header: 'Return', sort: 'return', numeric: true, cell: (t) => formatPercent(t.returnRatio) },
  { header: 'Duration', sort: 'duration', numeric: true, cell: (t) => formatDuration(t.durationMs) },
  { header: 'Source', cell: (t) => (t.source === 'alert' && t.alertId !== null ? `alert #${t.alertId}` : (t.source ?? '—')) },
];

function SortHeader({ column }: { column: ColumnSpec }) {
  const sort = useTradesStore((s) => s.sort);
  const sortBy = useTradesStore((s) => s.sortBy);
  if (!column.sort) return <span role="columnheader">{column.header}</span>;
  const active = sort.by === column.sort;
  return (
    <span role="columnheader" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => sortBy(column.sort!)}>
        {column.header}
        {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </span>
  );
}

/** The ledger as a virtual table: only the rows on screen exist in the page, so a million trades scroll like ten. */
export function TradeTable({ selected, onSelect }: { selected: number | null; onSelect(id: number): void }) {
  const { rows, more, loading, error, loadMore } = useTradesStore();
  const instruments = useBotsStore((s) => s.instruments);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (more && !loading && !error && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [lastIndex, rows.length, more, loading, error, loadMore]);
  return (
    <section className="panel trade-table" aria-label="Trade history" role="table" aria-rowcount={more ? -1 : rows.length}>
      <div className="trade-row trade-head" role="row">
        {COLUMNS.map((c) => (
          <SortHeader key={c.header} column={c} />
        ))}
      </div>
      <div className="trade-scroll" ref={scroller} data-testid="trade-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const trade = rows[item.index]!;
            const instrument = instruments.find((i) => i.symbol === trade.symbol);
            return (
              <div
                key={trade.id}
                role="row"
                tabIndex={0}
                aria-selected={selected === trade.id}
                data-testid="trade-row"
                className={`trade-row clickable${selected === trade.id ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_PX, transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(trade.id)}
                onKeyDown={(e) => e.key === 'Enter' && onSelect(trade.id)}
              >
                {COLUMNS.map((c) => (
                  <span key={c.header} role="cell" className={c.numeric ? 'num' : undefined}>
                    {c.cell(trade, instrument)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      <p className="muted" role="status">
        {error ? <span className="error">Could not load more trades: {error}</span> : loading ? 'Loading trades…' : rows.length === 0 ? 'No trade matches this filter.' : more ? `${rows.length.toLocaleString()} trades loaded; scroll for more.` : `All ${rows.length.toLocaleString()} trades shown.`}
        {error && (
          <button type="button" onClick={loadMore}>
            Try again
          </button>
        )}
      </p>
    </section>
  );
}
