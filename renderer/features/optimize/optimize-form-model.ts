import type { ParamAxis } from '../../../shared/contract/optimize.ts';
import type { ParamField } from '../bots/strategy-form-model.ts';

/** How one parameter is searched, as typed: numbers stay text until the request is built. */
export type AxisDraft = { mode: 'default' } | { mode: 'range'; from: string; to: string; step: string } | { mode: 'values'; values: string };

/** A number as typed; blank or text becomes NaN, which the engine refuses with the field's name. */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** One axis of the request: a range of numbers, or the listed values read as the field's type (comma separated). */
export function axisOf(field: ParamField, draft: AxisDraft): ParamAxis | null {
  if (draft.mode === 'default') return null;
  if (draft.mode === 'range') return { kind: 'range', from: num(draft.from), to: num(draft.to), step: num(draft.step) };
  const items = draft.values.split(',').map((item) => item.trim()).filter((item) => item !== '');
  const values = items.map((item) => (field.type === 'number' ? num(item) : field.type === 'boolean' ? item === 'yes' || item === 'true' : item));
  return { kind: 'values', values };
}

/** The axes of every searched parameter, keyed by parameter. */
export function axesOf(fields: readonly ParamField[], drafts: Readonly<Record<string, AxisDraft>>): Record<string, ParamAxis> {
  const axes: Record<string, ParamAxis> = {};
  for (const field of fields) {
    const axis = axisOf(field, drafts[field.key] ?? { mode: 'default' });
    if (axis) axes[field.key] = axis;
  }
  return axes;
}

/** A ranked parameter set in one line: "fast 5 · slow 30 · ma ema". */
export const describeParams = (params: Record<string, unknown>) =>
  Object.entries(params)
    .filter(([key, value]) => key !== 'kind' && value !== undefined)
    .map(([key, value]) => `${key} ${typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)}`)
    .join(' · ');
