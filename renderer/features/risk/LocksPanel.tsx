import { useEffect, useState } from 'react';
import { useAccountsStore } from '../accounts/accounts-store.ts';
import { LocksTable } from './LocksTable.tsx';
import { ProtectionsForm } from './ProtectionsForm.tsx';
import { useLocksStore } from './locks-store.ts';

/** Protections per account and the locks they set, with their end times and a Lift button. */
export function LocksPanel() {
  const accounts = useAccountsStore((s) => s.accounts);
  const [accountId, setAccountId] = useState('paper');
  useEffect(() => {
    void useAccountsStore.getState().refresh();
    void useLocksStore.getState().refresh();
  }, []);
  const ids = accounts.length > 0 ? accounts.map((a) => a.id) : ['paper'];
  return (
    <section className="panel locks" aria-label="Protections and locks">
      <h2>Protections and locks</h2>
      <label>
        Account{' '}
        <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          {ids.map((id) => (
            <option key={id} value={id}>{id}</option>
          ))}
        </select>
      </label>
      <ProtectionsForm key={accountId} accountId={accountId} />
      <h3>Locks</h3>
      <LocksTable />
    </section>
  );
}
