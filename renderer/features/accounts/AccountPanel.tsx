import { useEffect } from 'react';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { time } from '../ledger/Table.tsx';
import { useAccountsStore } from './accounts-store.ts';
import { formatAmount } from './amount-format.ts';
import { StartingBalancesForm } from './StartingBalancesForm.tsx';

const REFRESH_MS = 2_000;

/** Balances (total, reserved, free), equity and the reset, for every account; follows fills on a slow timer. */
export function AccountPanel() {
  const accounts = useAccountsStore((s) => s.accounts);
  useEffect(() => {
    const refresh = () => void useAccountsStore.getState().refresh().catch(() => undefined);
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <>
      {accounts.map((account) => (
        <AccountCard key={account.id} account={account} />
      ))}
    </>
  );
}

function AccountCard({ account }: { account: AccountSummary }) {
  const amount = (value: number, currency: string) => formatAmount(value, currency, account.currency);
  return (
    <section className="panel account" aria-label={`Account ${account.id}`} style={{ marginBottom: 12 }}>
      <h3>
        {account.kind === 'paper' ? 'Paper account' : `Account ${account.id}`}{' '}
        <span className="muted" data-testid="account-epoch">
          {account.epoch > 1 ? `· reset ${account.epoch - 1} time${account.epoch === 2 ? '' : 's'}, this start since ${time(account.epochStartedAt)}` : '· never reset'}
        </span>
      </h3>
      <p>
        Equity{' '}
        <strong data-testid="account-equity">{account.equity === null ? 'not priced yet' : `${amount(account.equity, account.currency)} ${account.currency}`}</strong>
        {account.reservedByOrders > 0 && (
          <span className="muted">
            {' '}
            · {amount(account.reservedByOrders, account.currency)} {account.currency} reserved by {account.openOrders} open order{account.openOrders === 1 ? '' : 's'}
          </span>
        )}
        {account.heldForShorts > 0 && (
          <span className="muted">
            {' '}
            · {amount(account.heldForShorts, account.currency)} {account.currency} held against shorts
          </span>
        )}
      </p>
      <table aria-label="Balances">
        <thead>
          <tr>
            <th>Currency</th>
            <th className="num">Total</th>
            <th className="num">Reserved</th>
            <th className="num">Free</th>
          </tr>
        </thead>
        <tbody>
          {account.balances.map((b) => (
            <tr key={b.currency} data-testid={`balance-${b.currency}`}>
              <td>{b.currency}</td>
              <td className="num">{amount(b.total, b.currency)}</td>
              <td className="num">{amount(b.reserved, b.currency)}</td>
              <td className="num">{amount(b.free, b.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Starting balances and reset</summary>
        <StartingBalancesForm key={`${account.id}-${account.epoch}`} account={account} />
      </details>
    </section>
  );
}
