import type { Dashboard } from '../../../shared/contract/analytics.ts';
import { accountCurrency, formatMoney } from '../../format.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { Money } from '../ledger/Money.tsx';
import { formatPercent } from '../trades/trade-format.ts';
import { calendarMonths } from './calendar-model.ts';

const tone = (value: number | null) => (value === null || value === 0 ? '' : value > 0 ? 'up' : 'down');

/** Each day's P&L (and return on the capital) in calendar months, newest first. */
export function ReturnsCalendar({ dashboard }: { dashboard: Dashboard }) {
  const currency = useBotsStore((s) => accountCurrency(s.instruments));
  const months = calendarMonths(dashboard.pnlByDay, dashboard.capital);
  return (
    <section className="panel" aria-label="Returns calendar">
      <h3>Returns calendar (UTC)</h3>
      {months.length === 0 && <p className="muted">No closed trade yet.</p>}
      <div className="calendar-months">
        {months.map((m) => (
          <table key={m.key} className="calendar" aria-label={m.label}>
            <caption>
              {m.label} · <Money value={m.total} />
            </caption>
            <thead>
              <tr>
                {['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => (
                  <th key={d}>{d}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.weeks.map((week, w) => (
                <tr key={w}>
                  {week.map((cell, d) => (
                    <td key={d} className={cell ? `cal-day ${tone(cell.pnl)}` : undefined} title={cell?.pnl != null ? `${formatMoney(cell.pnl, currency)}${cell.ret === null ? '' : ` (${formatPercent(cell.ret)})`}` : undefined}>
                      {cell?.day}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}

/** Net P&L per symbol, best first, as bars scaled to the largest. */
export function SymbolPnl({ rows }: { rows: Dashboard['pnlBySymbol'] }) {
  const largest = Math.max(1e-12, ...rows.map((r) => Math.abs(r.pnl)));
  return (
    <section className="panel" aria-label="P&L per symbol">
      <h3>P&L per symbol</h3>
      {rows.length === 0 && <p className="muted">No closed trade yet.</p>}
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.symbol} data-testid="symbol-pnl">
              <th scope="row">{r.symbol}</th>
              <td className="num">
                <Money value={r.pnl} />
              </td>
              <td className="muted num">{r.trades.toLocaleString()} trades</td>
              <td className="bar-cell">
                <div className={`bar ${tone(r.pnl)}`} style={{ width: `${(Math.abs(r.pnl) / largest) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** How the bots' daily P&L move together: +1 in step, -1 opposite, — when a bot's P&L never varied. */
export function CorrelationMatrix({ dashboard }: { dashboard: Dashboard }) {
  const { bots, correlation } = dashboard;
  return (
    <section className="panel" aria-label="Correlation of daily returns">
      <h3>Correlation of daily returns across bots</h3>
      {bots.length < 2 ? (
        <p className="muted">Correlation needs at least two bots.</p>
      ) : (
        <table className="correlation" data-testid="correlation">
          <thead>
            <tr>
              <th />
              {bots.map((b) => (
                <th key={b.botId}>{b.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bots.map((row, i) => (
              <tr key={row.botId}>
                <th scope="row">{row.name}</th>
                {bots.map((col, j) => {
                  const r = correlation[i]?.[j] ?? null;
                  return (
                    <td key={col.botId} className={`num corr ${r === null ? '' : r >= 0.5 ? 'corr-high' : r <= -0.5 ? 'corr-neg' : ''}`}>
                      {r === null ? '—' : r.toFixed(2)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
