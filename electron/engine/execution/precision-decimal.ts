/**
 * Exact decimal arithmetic under the rounding helpers. A double is read as the shortest decimal
 * that prints it (what a trader sees: 0.1 is 0.1, 1.005 is 1.005), rounded to the grid exactly
 * with integers, and turned back into the nearest double once. No step of it goes through
 * `x * 10^n` in floating point, which is what made the old helpers return NaN or drift.
 */

/** `int × 10^exp`, exactly. */
export interface Decimal {
  int: bigint;
  exp: number;
}

export type Rounding = 'nearest' | 'floor';

const POWERS: bigint[] = [1n];
function pow10(n: number): bigint {
  for (let i = POWERS.length; i <= n; i++) POWERS.push(POWERS[i - 1]! * 10n);
  return POWERS[n]!;
}

/** The shortest decimal of a finite double (`String` gives it: "0.3", "1e-7", "-1.5e+21"). */
export function toDecimal(value: number): Decimal {
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  return { int: BigInt(whole + fraction), exp: Number(exponent) - fraction.length };
}

/** The double nearest to the decimal (the engine's parser rounds correctly); never -0. */
export function toNumber(d: Decimal): number {
  const value = Number(`${d.int}e${d.exp}`);
  return value === 0 ? 0 : value;
}

export function significantDigits(d: Decimal): number {
  const digits = (d.int < 0n ? -d.int : d.int).toString().replace(/0+$/, '');
  return digits === '' ? 0 : digits.length;
}

/** Rounds `value` to a multiple of `step` (> 0): to the nearest (half away from zero) or down. */
export function quantize(value: Decimal, step: Decimal, mode: Rounding): Decimal {
  const exp = Math.min(value.exp, step.exp);
  const a = value.int * pow10(value.exp - exp);
  const b = step.int * pow10(step.exp - exp);
  let steps = a / b; // truncated toward zero
  const rest = a - steps * b;
  if (mode === 'floor' && rest < 0n) steps -= 1n;
  if (mode === 'nearest' && 2n * (rest < 0n ? -rest : rest) >= b) steps += a < 0n ? -1n : 1n;
  return { int: steps * step.int, exp: step.exp };
}

/** The grid point one step above a result of `quantize(_, step, _)` (it shares the step's exponent). */
export function nextUp(onGrid: Decimal, step: Decimal): Decimal {
  return { int: onGrid.int + step.int, exp: onGrid.exp };
}
