import { useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { Field } from '../bots/Field.tsx';
import { useAccountsStore } from './accounts-store.ts';

/** The balances the next reset starts from, and the reset itself (confirmed first). */
export function StartingBalancesForm({ account }: { account: AccountSummary }) {
  const configured = (currency: string) => account.startingBalances.find((b) => b.currency === currency)?.amount ?? 0;
  const [amounts, setAmounts] = useState<Record<string, string>>(() => Object.fromEntries(account.currencies.map((c) => [c, String(configured(c))])));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const { configure, reset } = useAccountsStore();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const startingBalances = account.currencies.map((currency) => ({ currency, amount: Number(amounts[currency] ?? '0') }));
    const bad = startingBalances.find((b) => !Number.isFinite(b.amount) || b.amount < 0 || (amounts[b.currency] ?? '').trim() === '');
    if (bad) return setMessage({ error: true, text: `Starting ${bad.currency} must be a number of at least 0` });
    try {
      await configure(account.id, startingBalances);
      setMessage({ error: false, text: 'Saved: the next reset starts from these balances.' });
    } catch (error) {
      setMessage({ error: true, text: errorMessage(error) });
    }
  };

  const startOver = async () => {
    const from = account.startingBalances.map((b) => `${b.amount} ${b.currency}`).join(' + ');
    if (!confirm(`Reset the ${account.id} account to ${from}? Its trades so far stay in the history, apart from the new start.`)) return;
    try {
      await reset(account.id);
      setMessage({ error: false, text: 'The account starts over.' });
    } catch (error) {
      setMessage({ error: true, text: errorMessage(error) });
    }
  };

  return (
    <form className="form" onSubmit={(e) => void save(e)}>
      {account.currencies.map((currency) => (
        <Field key={currency} label={`Starting ${currency}`} error={undefined}>
          <input inputMode="decimal" value={amounts[currency] ?? ''} onChange={(e) => setAmounts({ ...amounts, [currency]: e.target.value })} />
        </Field>
      ))}
      <div className="actions">
        <button type="submit">Save starting balances</button>
        <button type="button" className="danger" onClick={() => void startOver()}>
          Reset account
        </button>
      </div>
      {message && (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
