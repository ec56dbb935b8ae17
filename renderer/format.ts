import type { Instrument } from '../shared/domain/instrument.ts';

/**
 * The one way numbers are written in the app: thousands separators, the instrument's own
 * decimals (its tick size for prices, its step size for quantities), the currency named, and
 * never `-0.00` or float noise. A missing or non-finite value is a dash.
 */
const formats = new Map<number, Intl.NumberFormat>();

function formatFixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = Math.max(0, Math.min(20, decimals));
  let format = formats.get(digits);
  if (!format) formats.set(digits, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' })));
  return format.format(value);
}

/** Decimal places of an increment: 0.01 → 2, 0.00001 (or 1e-5) → 5, 0.5 → 1, 1 → 0. */
export function decimalsOf(increment: number): number {
  if (!Number.isFinite(increment) || increment <= 0) return 0;
  const [mantissa = '', exponent = '0'] = increment.toExponential().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** Amounts in the account's currency (P&L, fees): two decimals. */
export const MONEY_DECIMALS = 2;

/** Fees are a fraction of a cent on small orders: shown to four decimals so they do not read as zero. */
export const FEE_DECIMALS = 4;

export const formatMoney = (value: number | null | undefined, currency: string, decimals = MONEY_DECIMALS): string => {
  const text = formatFixed(value, decimals);
  return text === '—' || currency === '' ? text : `${text} ${currency}`;
};

/** A price in the instrument's quote currency, to its tick size. */
export const formatPrice = (value: number | null | undefined, instrument: Instrument | undefined): string => formatFixed(value, instrument ? decimalsOf(instrument.tickSize) : MONEY_DECIMALS);

/** A quantity of the instrument's base asset, to its step size. */
export const formatQty = (value: number | null | undefined, instrument: Instrument | undefined): string => formatFixed(value, instrument ? decimalsOf(instrument.stepSize) : 8);

/** A value rounded as it will be shown: the sign used for colouring matches the text (no red 0.00). */
export const roundMoney = (value: number): number => {
  const rounded = Number(formatFixed(value, MONEY_DECIMALS).replaceAll(',', ''));
  return Number.isNaN(rounded) || rounded === 0 ? 0 : rounded;
};

/** The account currency: the quote all instruments share (paper trading on the simulated market: USDT). */
export function accountCurrency(instruments: readonly Instrument[]): string {
  const [first, ...others] = new Set(instruments.map((i) => i.quote));
  return first !== undefined && others.length === 0 ? first : '';
}
