import type { Instrument } from '../../../shared/domain/instrument.ts';
import { fastRoundSignificant, fastRoundTo } from './precision-fast.ts';
import { type Decimal, nextUp, quantize, type Rounding, significantDigits, toDecimal, toNumber } from './precision-decimal.ts';

/**
 * The one place numbers are put on a grid: prices on the instrument's tick, quantities on its
 * step, money at the quote currency's precision.
 *
 * Non-finite input is a bug, so every helper throws a RangeError for NaN, ±Infinity or a step
 * that is not a positive finite number: a NaN must never be rounded into something storable.
 * Code that takes numbers from outside (alerts, venues, forms) checks `Number.isFinite` first and
 * refuses with a reason the trader can read.
 */

/** Quote-currency amounts (P&L, fees) are kept to 8 decimals: no float noise in the ledger. */
export const QUOTE_DECIMALS = 8;

/** A value printed with more significant digits than this is float noise of a nearby decimal. */
const CLEAN_DIGITS = 15;
/** How far (in units of the last place) float noise may sit below the decimal it stands for. */
const NOISE_ULPS = 4;

function requireFinite(what: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot round ${what} ${value}: it is not a finite number`);
}

function requireStep(what: string, step: number): void {
  if (!(Number.isFinite(step) && step > 0)) throw new RangeError(`Cannot round to ${what} ${step}: it must be a positive finite number`);
}

function onGrid(value: number, step: Decimal, stepValue: number, mode: Rounding): number {
  // A step finer than the double's own resolution: the double is already on it, to the last bit.
  if (stepValue <= NOISE_ULPS * Math.abs(value) * Number.EPSILON) return value === 0 ? 0 : value;
  const decimal = toDecimal(value);
  const result = quantize(decimal, step, mode);
  const rounded = toNumber(result);
  if (mode === 'floor' && rounded !== value) {
    // 0.7 + 0.1 prints as 0.7999999999999999: it means 0.8, and 0.8 is what the trader holds. A
    // value that prints cleanly is taken at its word (only the same double counts as equal).
    const up = toNumber(nextUp(result, step));
    const tolerance = significantDigits(decimal) > CLEAN_DIGITS ? NOISE_ULPS * Math.abs(value) * Number.EPSILON : 0;
    if (up - value <= tolerance) return up;
  }
  return rounded;
}

/** How many decimals a step or tick has (0.01 has 2, 1e-8 has 8, 5 has 0): how to show a price on it. */
export function decimalsOf(step: number): number {
  requireStep('the step', step);
  return Math.max(0, -toDecimal(step).exp);
}

/** The nearest multiple of `step` (half away from zero, decimally: 1.005 to 0.01 is 1.01). */
export function roundToStep(value: number, step: number): number {
  requireFinite('the value', value);
  requireStep('the step', step);
  return onGrid(value, toDecimal(step), step, 'nearest');
}

/** Rounds half away from zero at `decimals` (an integer; negative rounds to tens, hundreds...). */
export function roundTo(value: number, decimals: number): number {
  requireFinite('the value', value);
  if (!Number.isInteger(decimals) || Math.abs(decimals) > 100) throw new RangeError(`Cannot round to ${decimals} decimals`);
  const fast = fastRoundTo(value, decimals);
  if (fast !== null) return fast;
  return onGrid(value, { int: 1n, exp: -decimals }, 10 ** -decimals, 'nearest');
}

/** Quantity rounded down to the step: never more than the trader asked for (float noise aside). */
export function floorToStep(qty: number, step: number): number {
  requireFinite('the quantity', qty);
  requireStep('the step', step);
  return onGrid(qty, toDecimal(step), step, 'floor');
}

/**
 * The quantity a sell or close may send: `requested` rounded down to the step and never above
 * what is `held` (its absolute value), not even by float noise, so a close can never turn into a
 * small position on the other side.
 */
export function floorToHeld(requested: number, held: number, step: number): number {
  requireFinite('the requested quantity', requested);
  requireFinite('the held quantity', held);
  if (requested < 0) throw new RangeError(`Cannot send a negative quantity ${requested}`);
  const limit = Math.abs(held);
  const floored = floorToStep(Math.min(requested, limit), step);
  return floored <= limit ? floored : floorToStep(floored - step, step);
}

export function roundPriceToTick(price: number, instrument: Pick<Instrument, 'tickSize'>): number {
  requireFinite('the price', price);
  requireStep('the tick size', instrument.tickSize);
  return onGrid(price, toDecimal(instrument.tickSize), instrument.tickSize, 'nearest');
}

/** A quote-currency amount at its precision (8 decimals unless the currency needs fewer). */
export const roundQuote = (value: number, decimals: number = QUOTE_DECIMALS): number => roundTo(value, decimals);

/** `digits` significant digits: for ratios (average prices) whose scale is not known in advance. */
export function roundSignificant(value: number, digits: number): number {
  requireFinite('the value', value);
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) throw new RangeError(`Cannot keep ${digits} significant digits`);
  if (value === 0) return 0;
  const fast = fastRoundSignificant(value, digits);
  if (fast !== null) return fast;
  const decimal = toDecimal(value);
  const magnitude = (decimal.int < 0n ? -decimal.int : decimal.int).toString().length + decimal.exp;
  return toNumber(quantize(decimal, { int: 1n, exp: magnitude - digits }, 'nearest'));
}

/** A number for a message a trader reads: plain decimals (no exponent), no trailing zeros beyond `minDecimals`. */
export function formatAmount(value: number, maxDecimals: number = QUOTE_DECIMALS, minDecimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = roundTo(value, maxDecimals).toFixed(maxDecimals);
  const [whole = fixed, fraction = ''] = fixed.split('.');
  const kept = fraction.replace(/0+$/, '').padEnd(minDecimals, '0');
  return kept === '' ? whole : `${whole}.${kept}`;
}
