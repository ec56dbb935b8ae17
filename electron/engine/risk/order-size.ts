import type { Instrument } from '../../../shared/domain/instrument.ts';
import { decimalsOf, floorToStep, formatAmount } from '../execution/precision.ts';

/** A quantity as a trader writes it: no exponent (1e-7 reads 0.0000001), no float noise. */
export const showQty = (qty: number): string => formatAmount(qty, 12);

/**
 * Why the venue would refuse `qty` of `instrument` at `px`, worked out the way it does (rounded
 * down to the step, then valued against the minimum order value), or null when it would take it.
 * A `px` of null checks only the step. The comparisons are negated so NaN fails them too.
 */
export function orderSizeProblem(qty: number, px: number | null, instrument: Instrument): string | null {
  const { base, quote, stepSize, minNotional } = instrument;
  if (!(Number.isFinite(qty) && qty > 0)) return `The order size ${showQty(qty)} ${base} is not a positive number`;
  const floored = floorToStep(qty, stepSize);
  // Under one step is said as such before rounding: it needs no rounding to be known.
  if (qty < stepSize || floored < stepSize) return `${showQty(qty)} ${base} is below the smallest order of ${showQty(stepSize)} ${base}`;
  if (!Number.isFinite(floored)) return `The order size ${showQty(qty)} ${base} cannot be rounded to the step of ${showQty(stepSize)} ${base}`;
  if (px === null) return null;
  const worth = floored * px;
  if (!(worth >= minNotional)) {
    return `${showQty(floored)} ${base} is worth ${worth.toFixed(2)} ${quote} at ${px.toFixed(decimalsOf(instrument.tickSize))}, below the ${minNotional} ${quote} minimum`;
  }
  return null;
}
