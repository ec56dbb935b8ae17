import type { StrategyKind } from '../../../shared/domain/strategy-params.ts';
import { Field } from './Field.tsx';
import { STRATEGY_FORMS, draftFor, strategyForm, type ParamField, type StrategyDraft } from './strategy-form-model.ts';

/** Plain names for the schemas' short choice values; a value not listed shows as it is. */
const CHOICE_LABELS: Record<string, string> = {
  sma: 'Simple (SMA)',
  ema: 'Exponential (EMA)',
  touch: 'Low or high touches the band',
  close: 'Close beyond the band',
  roc: 'Rate of change',
  donchian: 'Donchian breakout',
};

interface Props {
  draft: StrategyDraft;
  onChange: (draft: StrategyDraft) => void;
  /** Field errors keyed by dotted path, as `fieldErrors` gives them (`strategy.slow`). */
  errors: Record<string, string>;
}

/** The strategy picker and its parameters, generated from the strategy's zod schema. */
export function StrategyParamsFields({ draft, onChange, errors }: Props) {
  const form = strategyForm(draft.kind);
  const set = (key: string, value: string | boolean) => onChange({ kind: draft.kind, values: { ...draft.values, [key]: value } });
  return (
    <>
      <Field label="Strategy" error={errors['strategy.kind']}>
        <select value={draft.kind} onChange={(e) => onChange(draftFor(e.target.value as StrategyKind))}>
          {STRATEGY_FORMS.map((f) => (
            <option key={f.kind} value={f.kind}>
              {f.title}
            </option>
          ))}
        </select>
      </Field>
      <p className="muted">{form.description}</p>
      {form.fields.map((field) => (
        <Field key={field.key} label={field.label} error={errors[`strategy.${field.key}`]}>
          {control(field, draft.values[field.key], (value) => set(field.key, value))}
        </Field>
      ))}
    </>
  );
}

function control(field: ParamField, value: string | boolean | undefined, set: (value: string | boolean) => void) {
  switch (field.type) {
    case 'boolean':
      return <input type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />;
    case 'choice':
      return (
        <select value={String(value ?? '')} onChange={(e) => set(e.target.value)}>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {CHOICE_LABELS[option] ?? option}
            </option>
          ))}
        </select>
      );
    case 'number':
      return (
        <input
          inputMode={field.whole ? 'numeric' : 'decimal'}
          placeholder={field.min !== undefined && field.max !== undefined ? `${field.min} to ${field.max}` : undefined}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value)}
        />
      );
  }
}
