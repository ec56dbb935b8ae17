import { useEffect, useState } from 'react';
import type { ExchangeAccount } from '../../../shared/domain/account.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { ConnectionTestButton } from './ConnectionTestButton.tsx';
import { ExchangeAccountForm } from './ExchangeAccountForm.tsx';
import { useExchangeAccountsStore } from './exchange-accounts-store.ts';
import { KeychainBanner } from './KeychainBanner.tsx';

const KEYS_SHOWN: Record<ExchangeAccount['keySource'], string> = {
  keychain: 'in the keychain',
  environment: 'from the environment',
  missing: 'missing: edit the account to enter them',
};

/** Exchange accounts: add, test, edit and remove, with the keychain's state above them. */
export function ExchangeAccountsPage() {
  const { accounts, exchanges, keychain, editing, edit } = useExchangeAccountsStore();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    useExchangeAccountsStore.getState().refresh().then(
      () => setProblem(null),
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, []);
  const editedAccount = accounts.find((a) => a.id === editing);

  return (
    <section className="detail" aria-label="Exchange accounts">
      <div className="panel">
        <h2>Exchange accounts</h2>
        <KeychainBanner keychain={keychain} />
        {problem && <p className="error">{problem}</p>}
        {accounts.length === 0 ? (
          <p className="muted">No exchange account yet. Paper trading needs none.</p>
        ) : (
          <table aria-label="Exchange accounts">
            <thead>
              <tr>
                <th>Account</th>
                <th>Exchange</th>
                <th>Keys</th>
                <th>Connection</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <AccountRow key={account.id} account={account} exchangeName={exchanges.find((e) => e.id === account.exchangeId)?.name ?? account.exchangeId} />
              ))}
            </tbody>
          </table>
        )}
        <div className="actions" style={{ marginTop: 8 }}>
          <button type="button" className="primary" onClick={() => edit('new')} disabled={editing === 'new'}>
            Add exchange account
          </button>
        </div>
      </div>
      {editing === 'new' && <ExchangeAccountForm key="new" />}
      {editedAccount && <ExchangeAccountForm key={editedAccount.id} account={editedAccount} />}
    </section>
  );
}

function AccountRow({ account, exchangeName }: { account: ExchangeAccount; exchangeName: string }) {
  const { edit, remove } = useExchangeAccountsStore();
  const [problem, setProblem] = useState<string | null>(null);
  async function confirmRemove() {
    if (!confirm(`Remove the account ${account.label} (${account.id})? Its keys are deleted from the keychain too.`)) return;
    try {
      // The row is gone with the account, so the page says it.
      if (await remove(account.id)) alert(`Account ${account.id} was removed, but the keychain is locked: its keys are deleted from it the next time StoxRobot starts with the keychain unlocked.`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }
  return (
    <tr data-testid={`exchange-account-${account.id}`}>
      <td className="wrap">
        <strong>{account.label}</strong> <span className="muted">({account.id})</span>
      </td>
      <td>
        {exchangeName}
        {account.sandbox && (
          <>
            {' '}
            <span className="status paused">testnet</span>
          </>
        )}
      </td>
      <td data-testid="account-keys">
        {account.configured ? `Configured${account.apiKeyLast4 ? ` · API key …${account.apiKeyLast4}` : ''} · ` : ''}
        {KEYS_SHOWN[account.keySource]}
      </td>
      <td className="wrap" data-testid="account-connection">
        <ConnectionState accountId={account.id} />
      </td>
      <td className="wrap">
        <div className="actions">
          <ConnectionTestButton request={() => ({ accountId: account.id })} />
          <button type="button" onClick={() => edit(account.id)}>
            Edit
          </button>
          <button type="button" className="danger" onClick={() => void confirmRemove()}>
            Remove
          </button>
          {problem && (
            <span role="alert" className="error">
              {problem}
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Connected, or what the last attempt met and when the next one is due. */
function ConnectionState({ accountId }: { accountId: string }) {
  const connection = useExchangeAccountsStore((s) => s.connections.find((c) => c.accountId === accountId));
  if (!connection) return <span className="muted">connecting…</span>;
  if (connection.connected) return <span className="status running">connected</span>;
  const retry = connection.retryAt === null ? 'not retried: fix the keys' : `retrying at ${new Date(connection.retryAt).toLocaleTimeString()}`;
  return (
    <span className="error">
      not connected: {connection.problem ?? 'unknown'} ({retry})
    </span>
  );
}
