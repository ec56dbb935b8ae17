import { useEffect, useState } from 'react';
import type { AccountReconciliation, Mismatch, MismatchAction, MismatchKind } from '../../../shared/contract/reconcile.ts';
import { time } from '../ledger/Table.tsx';
import { useReconcileStore } from './reconcile-store.ts';

const REFRESH_MS = 2_000;

const KIND_WORDS: Record<MismatchKind, string> = {
  unknown_order: 'Order the venue does not know',
  foreign_order: 'Order at the venue that StoxRobot did not record',
  open_at_venue: 'Order still open at the venue',
  position: 'Position differs',
  balance: 'Less at the venue than the bots hold',
};

const ACTION_WORDS: Record<MismatchAction, string> = { adopt: 'Adopt', cancel: 'Cancel at venue', mark_closed: 'Mark closed' };

const ACTION_EFFECT: Record<MismatchAction, string> = {
  adopt: 'StoxRobot takes the venue’s view into its records for the chosen bot.',
  cancel: 'The order is canceled at the venue.',
  mark_closed: 'StoxRobot closes it in its records without asking the venue.',
};

/** What reconciliation with each venue found that it could not settle alone, and the trader's decisions on it. */
export function ReconcilePage() {
  const { accounts, message } = useReconcileStore();
  useEffect(() => {
    const refresh = () => void useReconcileStore.getState().refresh().catch(() => undefined);
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="detail" aria-label="Reconcile">
      <div className="panel">
        <h2>Reconcile</h2>
        <p className="muted">
          At start, after a lost connection and after the computer wakes, StoxRobot compares its orders and positions with each venue and brings in what happened meanwhile. What it cannot settle on its own is listed here. A bot places no new order on an account until its reconciliation has finished.
        </p>
        {message && (
          <p className="error" role="alert">
            {message}
          </p>
        )}
      </div>
      {accounts.map((account) => (
        <AccountSection key={account.accountId} account={account} />
      ))}
    </section>
  );
}

function stateWords(account: AccountReconciliation): string {
  if (account.state === 'reconciling') return 'Reconciling with the venue… new orders wait';
  if (account.state === 'ready') return account.lastFinishedAt === null ? 'Reconciled' : `Reconciled at ${time(account.lastFinishedAt)}`;
  const next = account.nextAttemptAt === null ? '' : ` Next attempt at ${time(account.nextAttemptAt)}.`;
  return `Not reconciled: ${account.reason ?? 'unknown reason'}. New orders wait.${next}`;
}

function AccountSection({ account }: { account: AccountReconciliation }) {
  const { busy, run } = useReconcileStore();
  return (
    <section className="panel" aria-label={`Reconciliation of ${account.accountId}`}>
      <div className="row">
        <h3>Account {account.accountId}</h3>
        <span className={account.state === 'failed' ? 'error' : account.state === 'ready' ? 'ok' : 'warning'} data-testid="reconcile-state">
          {stateWords(account)}
        </span>
        <button type="button" disabled={busy} onClick={() => void run(account.accountId)}>
          Reconcile now
        </button>
      </div>
      {account.mismatches.length === 0 ? (
        <p className="muted">StoxRobot and the venue agree on every order and position.</p>
      ) : (
        <table aria-label="Differences">
          <thead>
            <tr>
              <th>What</th>
              <th>StoxRobot’s records</th>
              <th>The venue says</th>
              <th>Decision</th>
            </tr>
          </thead>
          <tbody>
            {account.mismatches.map((mismatch) => (
              <MismatchRow key={mismatch.id} mismatch={mismatch} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MismatchRow({ mismatch }: { mismatch: Mismatch }) {
  const { busy, resolve } = useReconcileStore();
  const [botId, setBotId] = useState(mismatch.botIds[0] ?? '');
  const [confirming, setConfirming] = useState<MismatchAction | null>(null);
  const decide = (action: MismatchAction) =>
    void resolve({ accountId: mismatch.accountId, mismatchId: mismatch.id, action, ...(action === 'adopt' ? { botId } : {}) }).finally(() => setConfirming(null));
  return (
    <tr data-testid={`mismatch-${mismatch.id}`}>
      <td className="wrap">
        {KIND_WORDS[mismatch.kind]}
        <div className="muted">{mismatch.symbol}</div>
      </td>
      <td className="wrap">{mismatch.ours}</td>
      <td className="wrap">{mismatch.venue}</td>
      <td className="wrap">
        {confirming ? (
          <div className="actions">
            <span>
              {ACTION_EFFECT[confirming]} {confirming === 'adopt' ? `Bot: ${botId}.` : ''}
            </span>
            <button type="button" className="primary" disabled={busy} onClick={() => decide(confirming)}>
              Confirm {ACTION_WORDS[confirming].toLowerCase()}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Back
            </button>
          </div>
        ) : (
          <div className="actions">
            {mismatch.actions.includes('adopt') && mismatch.botIds.length > 1 && (
              <label>
                Bot{' '}
                <select value={botId} onChange={(e) => setBotId(e.target.value)}>
                  {mismatch.botIds.map((id) => (
                    <option key={id} value={id}>
                      {id}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {mismatch.actions.map((action) => (
              <button key={action} type="button" disabled={busy} onClick={() => setConfirming(action)}>
                {ACTION_WORDS[action]}
              </button>
            ))}
          </div>
        )}
      </td>
    </tr>
  );
}
