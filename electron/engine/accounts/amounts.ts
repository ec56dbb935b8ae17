/** Balances in a quote currency are kept to 8 decimals, base quantities to 10 (as positions are). */
export const QUOTE_DECIMALS = 8;
export const BASE_DECIMALS = 10;

/**
 * Rounds a balance so the ledger shows no float noise. `toFixed` rounds the exact binary value and,
 * unlike rounding through a decimal exponent string, stays finite for tiny values such as the
 * 2.7e-17 left after buying and selling 0.1 BTC. A non-finite amount is a bug: it throws.
 */
export function roundAmount(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new Error(`A balance amount must be a finite number, got ${value}`);
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const quantity = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 8 });

/** `28,914,000.00 USDT`: how a trader reads an amount of the account currency. */
export const formatMoney = (value: number, currency: string): string => `${money.format(value)} ${currency}`;

/** `0.00008 BTC`: quantities keep their significant digits instead of rounding to zero. */
export const formatQuantity = (value: number, currency: string): string => `${quantity.format(value)} ${currency}`;
