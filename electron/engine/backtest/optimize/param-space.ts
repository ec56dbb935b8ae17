import { z } from 'zod';
import { MAX_COMBOS, type ParamAxis } from '../../../../shared/contract/optimize.ts';
import { STRATEGY_PARAMS_SCHEMAS, type StrategyKind } from '../../../../shared/domain/strategy-params.ts';
import { fail, type FieldIssue, ok, type Result } from '../../../../shared/errors.ts';

export type ParamValue = number | string | boolean;

/** One searchable parameter of a strategy, read from its zod schema. */
export interface ParamSpec {
  key: string;
  label: string;
  type: 'integer' | 'number' | 'boolean' | 'choice';
  default: ParamValue | undefined;
  /** The field's own schema: bounds, whole numbers, allowed choices. */
  field: z.ZodType;
}

/** The values of each searched parameter, in the order given, and the defaults of the others. */
export interface ParamSpace {
  kind: StrategyKind;
  axes: { key: string; values: ParamValue[] }[];
  defaults: Record<string, ParamValue>;
  /** Every combination of the axes' values. */
  gridSize: number;
}

interface JsonProperty {
  type?: string;
  enum?: unknown[];
  title?: string;
  default?: unknown;
}

const schemaOf = (kind: StrategyKind) => STRATEGY_PARAMS_SCHEMAS.find((schema) => schema.shape.kind.value === kind)!;

export function paramSpecs(kind: StrategyKind): ParamSpec[] {
  const schema = schemaOf(kind);
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonProperty> };
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.entries(json.properties ?? {})
    .filter(([key]) => key !== 'kind')
    .map(([key, property]) => ({
      key,
      label: property.title ?? key,
      type: property.enum ? 'choice' : property.type === 'integer' ? 'integer' : property.type === 'boolean' ? 'boolean' : 'number',
      default: property.default as ParamValue | undefined,
      field: shape[key]!,
    }));
}

/** A range's values, rounded to 10 decimals so 0.1 steps give 0.3 and not 0.30000000000000004. */
function rangeValues(from: number, to: number, step: number): ParamValue[] | string {
  if (to < from) return `runs from ${from} down to ${to}: the end must not be below the start`;
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_COMBOS) return `has ${count.toLocaleString('en-US')} values from ${from} to ${to} by ${step}; the most is ${MAX_COMBOS.toLocaleString('en-US')}`;
  return Array.from({ length: count }, (_, k) => Number((from + k * step).toFixed(10)));
}

/**
 * The search space of a strategy: each axis checked against the parameter's own schema (a period
 * of 1 where the minimum is 2 is refused here, naming the value) before any backtest runs. Rules
 * between parameters (fast below slow) are checked per combination later: those are skipped.
 */
export function paramSpace(kind: StrategyKind, axes: Readonly<Record<string, ParamAxis>>): Result<ParamSpace> {
  const specs = paramSpecs(kind);
  const issues: FieldIssue[] = [];
  const built: ParamSpace['axes'] = [];
  for (const [key, axis] of Object.entries(axes)) {
    const spec = specs.find((s) => s.key === key);
    if (!spec) {
      issues.push({ path: ['params', key], message: `${kind} has no parameter ${key}; it has ${specs.map((s) => s.key).join(', ')}` });
      continue;
    }
    if (axis.kind === 'range' && spec.type !== 'integer' && spec.type !== 'number') {
      issues.push({ path: ['params', key], message: `${spec.label} is a choice, not a number: list its values instead of a range` });
      continue;
    }
    const values = axis.kind === 'range' ? rangeValues(axis.from, axis.to, axis.step) : [...new Set(axis.values)];
    if (typeof values === 'string') {
      issues.push({ path: ['params', key], message: `${spec.label} ${values}` });
      continue;
    }
    for (const value of values) {
      const checked = spec.field.safeParse(value);
      if (!checked.success) issues.push({ path: ['params', key], message: `${spec.label} cannot be ${JSON.stringify(value)}: ${checked.error.issues[0]?.message ?? 'not allowed'}` });
    }
    built.push({ key, values });
  }
  if (issues.length > 0) return fail('INVALID_INPUT', issues.map((issue) => issue.message).join('; '), issues);
  const defaults: Record<string, ParamValue> = {};
  for (const spec of specs) if (spec.default !== undefined && !(spec.key in axes)) defaults[spec.key] = spec.default;
  const gridSize = built.reduce((size, axis) => size * axis.values.length, 1);
  return ok({ kind, axes: built, defaults, gridSize });
}
