import { useEffect, useState, type FormEvent } from 'react';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import { BotConfigSchema, type BotConfig } from '../../../shared/domain/bot.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage, fieldErrors } from '../../rpc/errors.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { Field } from './Field.tsx';
import { StrategyParamsFields } from './StrategyParamsFields.tsx';
import { draftFor, paramsFromDraft, type StrategyDraft } from './strategy-form-model.ts';
import { BotSizingFields, sizingConfig, sizingDraft } from './BotSizingFields.tsx';
import { BotExitFields } from './BotExitFields.tsx';
import { exitsDraftOf, exitsOfDraft } from './bot-exits-draft.ts';
import { useAccountsStore } from '../accounts/accounts-store.ts';

interface Draft {
  name: string;
  symbol: string;
  strategy: StrategyDraft;
  orderQty: string;
  account: string;
}

const toNumber = (text: string): unknown => (text.trim() === '' ? undefined : Number(text));

function toConfig(draft: Draft): unknown {
  return {
    name: draft.name,
    symbol: draft.symbol,
    timeframe: '1m',
    strategy: paramsFromDraft(draft.strategy),
    orderQty: toNumber(draft.orderQty),
    account: draft.account,
  };
}

/** Create or edit a bot. The shared schema checks the form as the engine will; the engine checks again. */
export function BotForm({ target }: { target: 'new' | string }) {
  const { bots, instruments, select, edit, refresh } = useBotsStore();
  const existing = bots.find((b) => b.id === target);
  const seed = useBotsStore((s) => (existing ? null : s.seed));
  const strategy = existing?.strategy ?? seed?.strategy;
  const [draft, setDraft] = useState<Draft>({
    name: existing?.name ?? seed?.name ?? '',
    symbol: existing?.symbol ?? seed?.symbol ?? instruments[0]?.symbol ?? 'BTC/USDT',
    strategy: draftFor(strategy?.kind ?? 'ma_crossover', strategy),
    orderQty: String(existing?.orderQty ?? seed?.orderQty ?? 0.01),
    account: existing?.account ?? 'paper',
  });
  const [sizing, setSizing] = useState(() => sizingDraft(existing?.sizing));
  const [exits, setExits] = useState(() => exitsDraftOf(existing?.exits ?? seed?.exits));
  const accounts = useAccountsStore((s) => s.accounts);
  useEffect(() => void useAccountsStore.getState().refresh().catch(() => undefined), []);
  const symbols = useAccountSymbols(draft.account, instruments);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: Exclude<keyof Draft, 'strategy'>) => (value: string) => setDraft({ ...draft, [key]: value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsed = BotConfigSchema.safeParse({ ...(toConfig(draft) as object), sizing: sizingConfig(sizing), exits: exitsOfDraft(exits) });
    if (!parsed.success) return setErrors(fieldErrors({ data: { issues: parsed.error.issues } }));
    setErrors({});
    setSaving(true);
    try {
      const config: BotConfig = parsed.data;
      const saved = existing ? await client.bots.update({ id: existing.id, config }) : await client.bots.create(config);
      await refresh();
      select(saved.id);
    } catch (error) {
      const byField = fieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label={existing ? 'Edit bot' : 'New bot'}>
      <h2>{existing ? `Edit ${existing.name}` : 'New bot'}</h2>
      {seed && <p className="muted">{seed.note}</p>}
      <p className="muted">
        {draft.account === 'paper' ? 'Paper account: simulated money.' : `Account ${draft.account}: real orders on the exchange.`}
      </p>
      <Field label="Name" error={errors.name}>
        <input value={draft.name} onChange={(e) => set('name')(e.target.value)} maxLength={200} />
      </Field>
      <Field label="Account" error={errors.account}>
        <select value={draft.account} onChange={(e) => set('account')(e.target.value)}>
          {(accounts.some((a) => a.id === draft.account) ? accounts : [{ id: draft.account, kind: 'paper' }, ...accounts]).map((a) => (
            <option key={a.id} value={a.id}>
              {a.kind === 'paper' ? `${a.id} (paper)` : a.id}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Symbol" error={errors.symbol ?? symbols.problem ?? undefined}>
        <select value={draft.symbol} onChange={(e) => set('symbol')(e.target.value)}>
          {(symbols.list.some((i) => i.symbol === draft.symbol) ? symbols.list : [{ symbol: draft.symbol }, ...symbols.list]).map((i) => (
            <option key={i.symbol}>{i.symbol}</option>
          ))}
        </select>
      </Field>
      <StrategyParamsFields draft={draft.strategy} onChange={(strategy) => setDraft({ ...draft, strategy })} errors={errors} />
      <Field label="Order size (base asset)" error={errors.orderQty}>
        <input inputMode="decimal" value={draft.orderQty} onChange={(e) => set('orderQty')(e.target.value)} />
      </Field>
      <BotSizingFields value={sizing} onChange={setSizing} errors={errors} tradingView={draft.strategy.kind === 'tradingview'} />
      <BotExitFields draft={exits} onChange={setExits} errors={errors} />
      {formError && (
        <p className="error" role="alert">
          {formError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {existing ? 'Save' : 'Create bot'}
        </button>
        <button type="button" onClick={() => edit(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The symbols the chosen account trades: the market's for paper, the exchange's own for an exchange account. */
function useAccountSymbols(accountId: string, marketInstruments: Instrument[]): { list: Pick<Instrument, 'symbol'>[]; problem: string | null } {
  const [state, setState] = useState<{ accountId: string; list: Instrument[]; problem: string | null } | null>(null);
  useEffect(() => {
    if (accountId === 'paper') return;
    let current = true;
    client.accounts
      .instruments({ accountId })
      .then((list) => current && setState({ accountId, list, problem: null }))
      .catch((error: unknown) => current && setState({ accountId, list: [], problem: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [accountId]);
  if (accountId === 'paper') return { list: marketInstruments, problem: null };
  return state?.accountId === accountId ? state : { list: [], problem: null };
}
