import { useMemo, useState, type FormEvent } from 'react';
import type { ConnectionTestRequest } from '../../../shared/contract/accounts.ts';
import { AccountIdSchema, type ExchangeAccount } from '../../../shared/domain/account.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage, fieldErrors } from '../../rpc/errors.ts';
import { Field } from '../bots/Field.tsx';
import { ConnectionTestButton } from './ConnectionTestButton.tsx';
import { useExchangeAccountsStore } from './exchange-accounts-store.ts';
import { credentialLabel, parseOptions, searchExchanges, typedCredentials } from './exchange-form.ts';

const LABELS: Record<string, string> = { accountId: 'Account name', label: 'Label', exchangeId: 'Exchange', options: 'Advanced ccxt options' };

/** Adds an exchange account, or edits one (its keys are replaced only when new ones are typed). */
export function ExchangeAccountForm({ account }: { account?: ExchangeAccount }) {
  const { exchanges, edit, refresh } = useExchangeAccountsStore();
  const [query, setQuery] = useState('');
  const [exchangeId, setExchangeId] = useState(account?.exchangeId ?? '');
  const [accountId, setAccountId] = useState(account?.id ?? '');
  const [label, setLabel] = useState(account?.label ?? '');
  const [sandbox, setSandbox] = useState(account?.sandbox ?? false);
  const [optionsText, setOptionsText] = useState(account && Object.keys(account.options).length > 0 ? JSON.stringify(account.options, null, 2) : '');
  const [keys, setKeys] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const matches = useMemo(() => searchExchanges(exchanges, query), [exchanges, query]);
  const exchange = exchanges.find((e) => e.id === exchangeId);
  const fields = exchange?.credentials ?? [];

  /** The form as the contract takes it, or null with the problems shown beside their fields. */
  function read() {
    const problems: Record<string, string> = {};
    const options = parseOptions(optionsText);
    if (!options.ok) problems.options = options.message;
    if (!exchange) problems.exchangeId = 'Pick an exchange from the list';
    const id = AccountIdSchema.safeParse(accountId.trim());
    if (!account && !id.success) problems.accountId = accountId.trim() === '' ? 'Account name is required' : 'Letters, digits, - and _ only';
    if (label.trim() === '') problems.label = 'Label is required';
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !options.ok || !exchange) return null;
    return { exchangeId: exchange.id, accountId: accountId.trim(), label: label.trim(), sandbox: exchange.hasSandbox && sandbox, options: options.value, credentials: typedCredentials(fields, keys) };
  }

  function testRequest(): ConnectionTestRequest | null {
    const form = read();
    if (!form) return null;
    const { options, sandbox: sb, credentials } = form;
    if (account) return { accountId: account.id, sandbox: sb, options, ...(credentials ? { credentials } : {}) };
    return { exchangeId: form.exchangeId, sandbox: sb, options, credentials: credentials ?? {} };
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const form = read();
    if (!form) return;
    const { credentials, ...settings } = form;
    try {
      if (account) await client.accounts.update({ accountId: account.id, label: settings.label, sandbox: settings.sandbox, options: settings.options, ...(credentials ? { credentials } : {}) });
      else await client.accounts.create({ ...settings, ...(credentials ? { credentials } : {}) });
      await refresh();
      edit(null);
    } catch (error) {
      const byField = fieldErrors(error, LABELS);
      setErrors(byField);
      setMessage(errorMessage(error));
    }
  }

  return (
    <form className="panel grid-form" onSubmit={save} aria-label={account ? `Edit account ${account.id}` : 'Add exchange account'} noValidate>
      <h3>{account ? `Edit ${account.label} (${account.id})` : 'Add an exchange account'}</h3>
      {account ? (
        <p className="muted">Exchange: {exchange?.name ?? account.exchangeId}</p>
      ) : (
        <>
          <Field label="Search exchanges" error={undefined}>
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="binance, okx, kraken…" />
          </Field>
          <Field label={LABELS.exchangeId ?? 'Exchange'} error={errors.exchangeId}>
            <select size={6} value={exchangeId} onChange={(e) => setExchangeId(e.target.value)}>
              {matches.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name} ({e.id})
                </option>
              ))}
            </select>
          </Field>
          <Field label="Account name (letters, digits, - and _)" error={errors.accountId}>
            <input value={accountId} onChange={(e) => setAccountId(e.target.value)} autoComplete="off" />
          </Field>
        </>
      )}
      <Field label="Label" error={errors.label}>
        <input value={label} onChange={(e) => setLabel(e.target.value)} />
      </Field>
      {fields.map((field) => (
        <Field key={field} label={credentialLabel(field)} error={errors[`credentials.${field}`]}>
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={keys[field] ?? ''}
            placeholder={account?.configured ? `unchanged${field === 'apiKey' && account.apiKeyLast4 ? ` (…${account.apiKeyLast4})` : ''}` : ''}
            onChange={(e) => setKeys({ ...keys, [field]: e.target.value })}
          />
        </Field>
      ))}
      {exchange?.hasSandbox && (
        <Field label="Testnet / sandbox" error={errors.sandbox}>
          <select value={String(sandbox)} onChange={(e) => setSandbox(e.target.value === 'true')}>
            <option value="false">off: real money</option>
            <option value="true">on: the exchange’s testnet</option>
          </select>
        </Field>
      )}
      <details style={{ gridColumn: '1 / -1' }}>
        <summary>Advanced: ccxt options (JSON)</summary>
        <Field label={LABELS.options ?? 'Options'} error={errors.options}>
          <textarea rows={6} value={optionsText} onChange={(e) => setOptionsText(e.target.value)} placeholder='{"options": {"defaultType": "spot"}}' spellCheck={false} />
        </Field>
      </details>
      <p className="muted" style={{ gridColumn: '1 / -1', margin: 0 }}>
        Keys are kept in your system’s keychain, never in StoxRobot’s files; this page shows only whether they are set and the API key’s last 4 characters.
        {account ? ' Leave the key fields empty to keep the stored keys.' : ''}
      </p>
      <div className="actions">
        <button type="submit" className="primary">
          {account ? 'Save' : 'Add account'}
        </button>
        <button type="button" onClick={() => edit(null)}>
          Cancel
        </button>
        <ConnectionTestButton request={testRequest} disabled={!exchange} />
        {message && (
          <span role="alert" className="error" data-testid="account-form-error">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
