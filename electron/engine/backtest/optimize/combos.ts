import { MAX_COMBOS } from '../../../../shared/contract/optimize.ts';
import { StrategySchema, type StrategyParams } from '../../../../shared/domain/strategy-params.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { seededRandom } from '../../market/random-walk.ts';
import type { ParamSpace } from './param-space.ts';

export type Search = { mode: 'grid' } | { mode: 'random'; samples: number; seed?: number };

/** The parameter sets to test, in a fixed order (ties in the ranking go to the earlier one), and those the strategy refuses. */
export interface Combos {
  params: StrategyParams[];
  skipped: number;
  skippedReason: string | null;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Grid: every combination, the last axis changing fastest. Random: distinct combinations drawn with a seeded generator. */
function pickDigits(space: ParamSpace, search: Search): number[][] {
  const radices = space.axes.map((axis) => axis.values.length);
  if (search.mode === 'grid' || search.samples >= space.gridSize) {
    const all: number[][] = [];
    for (let index = 0; index < space.gridSize; index++) {
      const digits: number[] = [];
      let rest = index;
      for (let a = radices.length - 1; a >= 0; a--) {
        digits[a] = rest % radices[a]!;
        rest = Math.floor(rest / radices[a]!);
      }
      all.push(digits);
    }
    return all;
  }
  const random = seededRandom(search.seed ?? 1);
  const seen = new Set<string>();
  const drawn: number[][] = [];
  while (drawn.length < search.samples) {
    const digits = radices.map((radix) => Math.floor(random() * radix));
    const key = digits.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    drawn.push(digits);
  }
  return drawn;
}

/** The combinations of a space, each checked against the whole strategy schema (its rules between parameters). */
export function combosOf(space: ParamSpace, search: Search): Result<Combos> {
  if (search.mode === 'grid' && space.gridSize > MAX_COMBOS) {
    return fail('INVALID_INPUT', `This grid has ${count(space.gridSize)} parameter sets; one search tests at most ${count(MAX_COMBOS)}. Widen the steps, list fewer values or use a random search.`);
  }
  const params: StrategyParams[] = [];
  let skipped = 0;
  let skippedReason: string | null = null;
  for (const digits of pickDigits(space, search)) {
    const candidate: Record<string, unknown> = { kind: space.kind, ...space.defaults };
    space.axes.forEach((axis, a) => (candidate[axis.key] = axis.values[digits[a]!]));
    const checked = StrategySchema.safeParse(candidate);
    if (checked.success) params.push(checked.data);
    else {
      skipped += 1;
      skippedReason ??= checked.error.issues[0]?.message ?? 'refused by the strategy';
    }
  }
  return ok({ params, skipped, skippedReason });
}
