import type { RiskLock } from '../../../shared/contract/risk-locks.ts';
import { lockTime } from './lock-time.ts';
import { useLocksStore } from './locks-store.ts';

const RULE_NAMES: Record<RiskLock['rule'], string> = { stop_loss_guard: 'Stop-loss guard', cooldown: 'Cooldown', low_profit: 'Low profit' };

function stateOf(lock: RiskLock): string {
  if (lock.liftedAt !== null) return `lifted ${lockTime(lock.liftedAt)} by ${lock.liftedBy ?? 'trader'}`;
  return lock.active ? 'holding' : 'ended';
}

/** Locks holding now and recent ones, with their end times; a holding lock can be lifted after a confirmation. */
export function LocksTable() {
  const { locks, error, lift } = useLocksStore();
  const confirmLift = (lock: RiskLock) => {
    if (window.confirm(`Lift the lock on ${lock.symbol ?? 'every symbol'} (${lock.accountId})? Entries go again at once.`)) void lift(lock.id);
  };
  if (locks.length === 0) return <p className="muted">No lock now or in the last 24 hours.</p>;
  return (
    <>
      {error && <p role="alert" className="field-error">{error}</p>}
      <table className="table" aria-label="Locks">
        <thead>
          <tr><th>Account</th><th>Symbol</th><th>Rule</th><th>Until</th><th>Why</th><th>State</th><th /></tr>
        </thead>
        <tbody>
          {locks.map((lock) => (
            <tr key={lock.id} data-testid="lock-row">
              <td>{lock.accountId}</td>
              <td>{lock.symbol ?? 'all symbols'}</td>
              <td>{RULE_NAMES[lock.rule]}</td>
              <td>{lockTime(lock.until)}</td>
              <td>{lock.reason}</td>
              <td>{stateOf(lock)}</td>
              <td>{lock.active && <button type="button" onClick={() => confirmLift(lock)}>Lift</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
