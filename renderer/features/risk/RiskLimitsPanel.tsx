import { useEffect } from 'react';
import { GovernorFigures } from './GovernorFigures.tsx';
import { LimitsForm } from './LimitsForm.tsx';
import { useRiskLimitsStore } from './risk-limits-store.ts';

const REFRESH_MS = 2_000;

/** Account-wide limits per account (paper and each exchange account apart), their live figures and locks. */
export function RiskLimitsPanel() {
  const { limits, status, message } = useRiskLimitsStore();
  useEffect(() => {
    const refresh = () => void useRiskLimitsStore.getState().refresh().catch(() => undefined);
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <>
      <div className="panel">
        <h2>Account limits</h2>
        <p className="muted">
          Every entry on an account passes these limits, whoever places it: bots, TradingView alerts or you by hand. Orders that only close a position always go. Leave a box empty to turn that limit off.
        </p>
        {message && (
          <p className="error" role="alert">
            {message}
          </p>
        )}
      </div>
      {limits.map((account) => (
        <section key={account.accountId} className="panel" aria-label={`Risk limits of ${account.accountId}`}>
          <h3>
            {account.accountId} <span className="muted">({account.currency})</span>
          </h3>
          <GovernorFigures status={status.find((s) => s.accountId === account.accountId)} />
          <LimitsForm key={`${account.accountId}-${account.updatedAt ?? 'new'}`} account={account} />
        </section>
      ))}
    </>
  );
}
