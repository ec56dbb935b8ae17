import type { ParamField } from '../bots/strategy-form-model.ts';
import type { AxisDraft } from './optimize-form-model.ts';

/** One parameter: kept at its default, walked over a range (numbers), or a list of values. */
export function ParamAxisRow({ field, draft, onChange }: { field: ParamField; draft: AxisDraft; onChange(draft: AxisDraft): void }) {
  const text = (key: 'from' | 'to' | 'step' | 'values', placeholder: string) => (
    <input aria-label={`${field.label} ${key}`} placeholder={placeholder} size={key === 'values' ? 16 : 5} value={(draft as Record<string, string>)[key] ?? ''} onChange={(e) => onChange({ ...draft, [key]: e.target.value } as AxisDraft)} />
  );
  return (
    <tr>
      <th scope="row">{field.label}</th>
      <td>
        <select aria-label={`${field.label} search`} value={draft.mode} onChange={(e) => onChange(e.target.value === 'range' ? { mode: 'range', from: String(field.type === 'number' ? (field.min ?? '') : ''), to: '', step: '1' } : e.target.value === 'values' ? { mode: 'values', values: '' } : { mode: 'default' })}>
          <option value="default">default</option>
          {field.type === 'number' && <option value="range">range</option>}
          <option value="values">values</option>
        </select>
      </td>
      <td>
        {draft.mode === 'range' && (
          <>
            {text('from', 'from')} {text('to', 'to')} {text('step', 'step')}
          </>
        )}
        {draft.mode === 'values' && text('values', field.type === 'choice' ? field.options.join(', ') : field.type === 'boolean' ? 'yes, no' : 'e.g. 5, 10, 20')}
      </td>
    </tr>
  );
}
