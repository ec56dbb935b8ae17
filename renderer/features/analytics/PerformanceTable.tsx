import type { Performance } from '../../../shared/contract/analytics.ts';
import { accountCurrency, FEE_DECIMALS, formatMoney } from '../../format.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { Money } from '../ledger/Money.tsx';
import { formatDuration, formatPercent } from '../trades/trade-format.ts';

const ratio = (value: number | null) => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(2));
const share = (value: number | null) => formatPercent(value).replace('+', '');

/** Per bot and in total, every figure of the dashboard in one table (a row a bot, the total first). */
export function PerformanceTable({ rows }: { rows: readonly Performance[] }) {
  const currency = useBotsStore((s) => accountCurrency(s.instruments));
  const columns: [string, (p: Performance) => React.ReactNode][] = [
    ['Realised P&L', (p) => <Money value={p.realizedPnl} />],
    ['Unrealised P&L', (p) => <Money value={p.unrealizedPnl} />],
    ['Return', (p) => formatPercent(p.netReturn)],
    ['Win rate', (p) => share(p.winRate)],
    ['Profit factor', (p) => ratio(p.profitFactor)],
    ['Avg win', (p) => formatMoney(p.avgWin, currency)],
    ['Avg loss', (p) => formatMoney(p.avgLoss, currency)],
    ['Sharpe', (p) => ratio(p.sharpe)],
    ['Sortino', (p) => ratio(p.sortino)],
    ['Max drawdown', (p) => `${formatMoney(p.maxDrawdown, currency)} (${share(p.maxDrawdownPct)})`],
    ['Drawdown length', (p) => (p.maxDrawdownMs > 0 ? formatDuration(p.maxDrawdownMs) : '—')],
    ['VaR 95 % (1 day)', (p) => share(p.var95)],
    ['Exposure', (p) => share(p.exposure)],
    ['Trades', (p) => p.trades.toLocaleString()],
    ['Fees', (p) => formatMoney(p.fees, currency, FEE_DECIMALS)],
  ];
  return (
    <section className="panel" aria-label="Performance">
      <h3>Performance</h3>
      <table data-testid="performance">
        <thead>
          <tr>
            <th>Bot</th>
            {columns.map(([name]) => (
              <th key={name} className="num">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.botId ?? 'total'} className={p.botId === null ? 'total-row' : undefined} data-testid={p.botId === null ? 'performance-total' : 'performance-bot'}>
              <th scope="row">{p.name}</th>
              {columns.map(([name, cell]) => (
                <td key={name} className="num">
                  {cell(p)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Returns, Sharpe, Sortino, drawdown and VaR are measured on daily (UTC) equity: the accounts’ first recorded equity plus realised P&L; Sharpe and Sortino annualised over 365.25 days. VaR is the loss of the worst 5 % of days, shown from 20 days on.
      </p>
    </section>
  );
}
