import { useState } from 'react';
import type { BacktestRun } from '../../../shared/contract/backtest.ts';
import { FEE_DECIMALS, formatMoney, formatPrice, formatQty, roundMoney } from '../../format.ts';
import { useInstrument } from '../../stores/bots-store.ts';
import { barTime } from '../history/history-format.ts';
import { quoteOf } from './metric-rows.ts';

/** Rows drawn at once: a run of thousands of trades is read a page at a time. */
const PAGE = 100;
/** Green or red as the amount shows: no red 0.00. */
const tone = (pnl: number) => (roundMoney(pnl) > 0 ? 'up' : roundMoney(pnl) < 0 ? 'down' : '');
const EXIT_REASONS = { signal: 'Signal', stop_loss: 'Stop-loss', take_profit: 'Take-profit' } as const;

/** The run's closed trades, newest last as they happened, and the position still open at the end. */
export function TradesTable({ run }: { run: BacktestRun }) {
  const [page, setPage] = useState(0);
  const instrument = useInstrument(run.symbol);
  const quote = quoteOf(run.symbol);
  const pages = Math.max(1, Math.ceil(run.trades.length / PAGE));
  const shown = run.trades.slice(page * PAGE, (page + 1) * PAGE);
  const when = (ts: number) => barTime(ts, run.timeframe);
  return (
    <section className="panel" aria-label="Backtest trades">
      <h3>Trades ({run.trades.length.toLocaleString()})</h3>
      {run.trades.length === 0 ? (
        <p className="muted">No closed trades in this run.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Side</th>
              <th className="num">Qty</th>
              <th>Entry</th>
              <th className="num">Entry price</th>
              <th>Exit</th>
              <th className="num">Exit price</th>
              <th>Exit on</th>
              <th className="num">Fees</th>
              <th className="num">P&amp;L (net)</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((t, i) => (
              <tr key={`${t.entryTime}-${i}`}>
                <td className="num">{page * PAGE + i + 1}</td>
                <td>{t.side}</td>
                <td className="num">{formatQty(t.qty, instrument)}</td>
                <td>{when(t.entryTime)}</td>
                <td className="num">{formatPrice(t.entryPrice, instrument)}</td>
                <td>{when(t.exitTime)}</td>
                <td className="num">{formatPrice(t.exitPrice, instrument)}</td>
                <td>{EXIT_REASONS[t.exitReason]}</td>
                <td className="num">{formatMoney(t.fees, quote, FEE_DECIMALS)}</td>
                <td className={`num ${tone(t.pnl)}`}>{formatMoney(t.pnl, quote)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <div className="actions">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span className="muted">
            Page {page + 1} of {pages}
          </span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </div>
      )}
      {run.openTrade && (
        <p className="muted" data-testid="open-trade">
          Still open at the end: {run.openTrade.side} {formatQty(run.openTrade.qty, instrument)} from {formatPrice(run.openTrade.entryPrice, instrument)} ({when(run.openTrade.entryTime)}), marked at {formatPrice(run.openTrade.markPrice, instrument)}: {formatMoney(run.openTrade.unrealizedPnl, quote)} unrealised (in the final equity, not in the trade figures).
        </p>
      )}
    </section>
  );
}
