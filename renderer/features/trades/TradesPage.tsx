import { useEffect } from 'react';
import { FEE_DECIMALS, accountCurrency, formatMoney } from '../../format.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { Money } from '../ledger/Money.tsx';
import { TradeDetailPanel } from './TradeDetailPanel.tsx';
import { TradeFilterBar } from './TradeFilterBar.tsx';
import { TradeTable } from './TradeTable.tsx';
import { formatPercent } from './trade-format.ts';
import { useTradesStore } from './trades-store.ts';

/** Count, net P&L, fees and win rate of everything the filter matches, not only the rows loaded. */
function Totals() {
  const totals = useTradesStore((s) => s.totals);
  const currency = useBotsStore((s) => accountCurrency(s.instruments));
  if (!totals) return <p className="muted">Counting…</p>;
  return (
    <div className="trade-totals" aria-label="Totals for this filter">
      <span>
        Trades <strong data-testid="totals-count">{totals.count.toLocaleString()}</strong>
      </span>
      <span>
        Net P&L <Money value={totals.netPnl} testId="totals-pnl" />
      </span>
      <span>
        Fees <span data-testid="totals-fees">{formatMoney(totals.fees, currency, FEE_DECIMALS)}</span>
      </span>
      <span>
        Win rate <span data-testid="totals-winrate">{totals.winRate === null ? '—' : formatPercent(totals.winRate).replace('+', '')}</span>
      </span>
    </div>
  );
}

/** Every closed trade across bots and accounts (deleted bots' too), filtered, sorted and paged by cursor. */
export function TradesPage() {
  const { apply, refresh, open, detail } = useTradesStore();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <div className="detail">
      <h2>Trades</h2>
      <TradeFilterBar onApply={apply} />
      <Totals />
      <TradeTable selected={detail?.trade.id ?? null} onSelect={(id) => void open(id)} />
      <TradeDetailPanel />
    </div>
  );
}
