import type { GovernorAccount } from '../../../shared/contract/risk-limits.ts';
import { useRiskLimitsStore } from './risk-limits-store.ts';

const money = (value: number | null, currency: string) => (value === null ? '—' : `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`);
/** A moment in the account's reset time zone, as its limits are set: `25 Nov 2026, 00:00 UTC`. */
const zoned = (ts: number, timeZone: string) => `${new Date(ts).toLocaleString('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} ${timeZone}`;
const limitWords = (limit: string | null) => (limit === null ? 'off' : limit);

/** The account's figures against its limits, and the locks in force with their end (or a Lift for the drawdown lock). */
export function GovernorFigures({ status }: { status: GovernorAccount | undefined }) {
  const lift = useRiskLimitsStore((s) => s.lift);
  if (!status) return <p className="muted">Loading figures…</p>;
  const { limits, currency } = status;
  const rows: [string, string, string][] = [
    ['Open positions', String(status.openPositions), limitWords(limits.maxOpenPositions === null ? null : String(limits.maxOpenPositions))],
    ['Total exposure (worst case)', money(status.totalExposure, currency), limitWords(limits.maxTotalExposure === null ? null : money(limits.maxTotalExposure, currency))],
    ...status.symbolExposure.map(({ symbol, exposure }): [string, string, string] => [`${symbol} exposure`, money(exposure, currency), limitWords(limits.maxSymbolExposure === null ? null : money(limits.maxSymbolExposure, currency))]),
    [`Loss since ${zoned(status.dayStartedAt, limits.timeZone)}`, money(status.dailyLoss, currency), limitWords(limits.dailyLossLimit === null ? null : money(limits.dailyLossLimit, currency))],
    ['Drawdown from peak', status.drawdownPct === null ? '—' : `${status.drawdownPct.toFixed(3)} %`, limitWords(limits.maxDrawdownPct === null ? null : `${limits.maxDrawdownPct} %`)],
  ];
  const confirmLift = (reason: string) => {
    if (confirm(`Lift the drawdown lock on ${status.accountId}? Entries open again, and the peak is counted afresh from now.\n\n${reason}`)) void lift(status.accountId);
  };
  return (
    <div data-testid={`governor-${status.accountId}`}>
      {status.locks.map((lock) => (
        <div key={`${lock.kind}-${lock.since}`} className="banner error" role="alert">
          <span>{lock.reason}</span>
          {lock.until !== null && <span className="muted"> (until {zoned(lock.until, limits.timeZone)})</span>}
          {lock.liftable && (
            <button type="button" onClick={() => confirmLift(lock.reason)}>
              Lift
            </button>
          )}
        </div>
      ))}
      {status.problem && <p className="error">Entries are refused: {status.problem}</p>}
      <table className="table">
        <thead>
          <tr>
            <th>Figure</th>
            <th>Now</th>
            <th>Limit</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, now, limit]) => (
            <tr key={name}>
              <td>{name}</td>
              <td>{now}</td>
              <td>{limit}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Equity now {money(status.equity, currency)}; next daily reset {zoned(status.nextResetAt, limits.timeZone)}.</p>
    </div>
  );
}
