import { z } from 'zod';
import { STRATEGY_PARAMS_SCHEMAS, type StrategyKind, type StrategyParams } from '../../../shared/domain/strategy-params.ts';

/** One generated form field, read from a strategy's zod schema (through its JSON Schema). */
export type ParamField =
  | { key: string; label: string; type: 'number'; whole: boolean; min?: number; max?: number }
  | { key: string; label: string; type: 'boolean' }
  | { key: string; label: string; type: 'choice'; options: readonly string[] };

export interface StrategyForm {
  kind: StrategyKind;
  title: string;
  description: string;
  fields: readonly ParamField[];
  defaults: Readonly<Record<string, string | boolean>>;
}

/** What the trader typed: numbers stay text until submit so "0." or "" can be edited freely. */
export interface StrategyDraft {
  kind: StrategyKind;
  values: Record<string, string | boolean>;
}

interface JsonProperty {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  title?: string;
  default?: unknown;
}

function formOf(schema: (typeof STRATEGY_PARAMS_SCHEMAS)[number]): StrategyForm {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { title?: string; description?: string; properties?: Record<string, JsonProperty> };
  const fields: ParamField[] = [];
  const defaults: Record<string, string | boolean> = {};
  for (const [key, property] of Object.entries(json.properties ?? {})) {
    if (key === 'kind') continue;
    const label = property.title ?? key;
    if (property.enum) fields.push({ key, label, type: 'choice', options: property.enum.map(String) });
    else if (property.type === 'boolean') fields.push({ key, label, type: 'boolean' });
    else fields.push({ key, label, type: 'number', whole: property.type === 'integer', min: property.minimum, max: property.maximum });
    if (property.default !== undefined) defaults[key] = typeof property.default === 'boolean' ? property.default : String(property.default);
    else if (property.type === 'boolean') defaults[key] = false;
  }
  return { kind: schema.shape.kind.value, title: json.title ?? schema.shape.kind.value, description: json.description ?? '', fields, defaults };
}

export const STRATEGY_FORMS: readonly StrategyForm[] = STRATEGY_PARAMS_SCHEMAS.map(formOf);

export const strategyForm = (kind: StrategyKind): StrategyForm => STRATEGY_FORMS.find((form) => form.kind === kind) ?? STRATEGY_FORMS[0]!;

/** The draft for a kind: its schema's defaults, overlaid with the values a stored bot had. */
export function draftFor(kind: StrategyKind, params?: StrategyParams): StrategyDraft {
  const values: Record<string, string | boolean> = { ...strategyForm(kind).defaults };
  if (params?.kind === kind) {
    for (const [key, value] of Object.entries(params)) {
      if (key !== 'kind' && value !== undefined) values[key] = typeof value === 'boolean' ? value : String(value);
    }
  }
  return { kind, values };
}

/**
 * The params to validate: text to numbers. A blank field is sent as null, not left out, so the
 * schema refuses it instead of quietly putting its default where the trader sees nothing; "abc"
 * becomes NaN, refused as "must be a number". Validation is the schema's job.
 */
export function paramsFromDraft(draft: StrategyDraft): Record<string, unknown> {
  const params: Record<string, unknown> = { kind: draft.kind };
  for (const field of strategyForm(draft.kind).fields) {
    const value = draft.values[field.key];
    if (field.type === 'number') params[field.key] = typeof value === 'string' && value.trim() !== '' ? Number(value) : null;
    else if (field.type === 'boolean') params[field.key] = value === true;
    else params[field.key] = value === '' ? undefined : value;
  }
  return params;
}
