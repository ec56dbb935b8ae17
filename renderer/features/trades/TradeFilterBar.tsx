import { useState } from 'react';
import type { TradeFilter } from '../../../shared/contract/trade-history.ts';
import { ORDER_SOURCES } from '../../../shared/domain/order.ts';
import { useBotsStore } from '../../stores/bots-store.ts';
import { EMPTY_DRAFT, type FilterDraft, toTradeFilter } from './filter-form.ts';

type Errors = Partial<Record<keyof FilterDraft, string>>;

function Input({ name, label, draft, errors, type = 'text', onChange }: { name: keyof FilterDraft; label: string; draft: FilterDraft; errors: Errors; type?: string; onChange(d: FilterDraft): void }) {
  return (
    <label className="field">
      {label}
      <input type={type} name={name} value={draft[name]} aria-invalid={errors[name] ? true : undefined} onChange={(e) => onChange({ ...draft, [name]: e.target.value })} />
      {errors[name] && <span className="field-error">{errors[name]}</span>}
    </label>
  );
}

function Choice({ name, label, draft, options, onChange }: { name: keyof FilterDraft; label: string; draft: FilterDraft; options: readonly (readonly [string, string])[]; onChange(d: FilterDraft): void }) {
  return (
    <label className="field">
      {label}
      <select name={name} value={draft[name]} onChange={(e) => onChange({ ...draft, [name]: e.target.value })}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The trade history's filter: applied on submit, refused field by field when a value makes no sense. */
export function TradeFilterBar({ onApply }: { onApply(filter: TradeFilter): void }) {
  const bots = useBotsStore((s) => s.bots);
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const submit = (next: FilterDraft) => {
    const { filter, errors: found } = toTradeFilter(next);
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(filter);
  };
  const props = { draft, errors, onChange: setDraft };
  return (
    <form
      className="panel trade-filter"
      aria-label="Trade filter"
      onSubmit={(e) => {
        e.preventDefault();
        submit(draft);
      }}
    >
      <Input name="from" label="From (UTC)" type="date" {...props} />
      <Input name="to" label="To (UTC)" type="date" {...props} />
      <Choice name="botId" label="Bot" options={bots.map((b) => [b.id, b.name] as const)} {...props} />
      <Choice name="mode" label="Mode" options={[['paper', 'Paper'], ['live', 'Live']]} {...props} />
      <Input name="accountId" label="Account" {...props} />
      <Input name="symbol" label="Symbol" {...props} />
      <Choice name="side" label="Side" options={[['LONG', 'Long'], ['SHORT', 'Short']]} {...props} />
      <Choice name="outcome" label="Outcome" options={[['win', 'Win'], ['loss', 'Loss']]} {...props} />
      <Input name="pnlMin" label="P&L at least" {...props} />
      <Input name="pnlMax" label="P&L at most" {...props} />
      <Choice name="source" label="Source" options={ORDER_SOURCES.map((s) => [s, s === 'alert' ? 'TradingView alert' : s] as const)} {...props} />
      <div className="actions">
        <button type="submit">Apply filter</button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY_DRAFT);
            submit(EMPTY_DRAFT);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
