import type { Instrument } from '../../../shared/domain/instrument.ts';

/** Quote-currency amounts (P&L, fees) are kept to 8 decimals: no float noise in the ledger. */
export const QUOTE_DECIMALS = 8;

export function decimalsOf(step: number): number {
  if (step >= 1) return 0;
  return Math.min(12, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
}

/** Rounds half away from zero at `decimals`, via the decimal exponent so 1.005 -> 1.01 (not 1.00). */
export function roundTo(value: number, decimals: number): number {
  const sign = value < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(value)}e${decimals}`));
  const result = sign * Number(`${shifted}e-${decimals}`);
  return result === 0 ? 0 : result;
}

export const roundQuote = (value: number): number => roundTo(value, QUOTE_DECIMALS);

/** Quantity rounded down to the step: never more than the trader asked for. */
export function floorToStep(qty: number, step: number): number {
  const decimals = decimalsOf(step);
  const steps = Math.floor(roundTo(qty / step, 9));
  return roundTo(steps * step, decimals);
}

export function roundPriceToTick(price: number, instrument: Instrument): number {
  const decimals = decimalsOf(instrument.tickSize);
  return roundTo(Math.round(roundTo(price / instrument.tickSize, 9)) * instrument.tickSize, decimals);
}
