import { QUOTE_DECIMALS, roundTo } from '../execution/precision.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';

import type { PriceSource } from '../execution/portfolio.ts';

/** The price of one unit of a currency in another, or null when the market has none yet. */
export type CurrencyMark = (currency: string) => number | null;

/** Marks every currency through the instrument that quotes it in the account currency (BTC via BTC/USDT). */
export function currencyMarks(accountCurrency: string, instruments: readonly Instrument[], lastPrice: PriceSource): CurrencyMark {
  return (currency) => {
    if (currency === accountCurrency) return 1;
    const instrument = instruments.find((i) => i.base === currency && i.quote === accountCurrency);
    return instrument ? lastPrice(instrument.symbol) : null;
  };
}

/**
 * Equity in the account currency: every balance at its mark. Positions are already in the balances
 * (a long is base held, a short a negative base balance), so this is balances plus positions at the
 * mark. Null when a currency the account holds cannot be priced: a guess would be worse.
 */
export function equityOf(totals: ReadonlyMap<string, number>, mark: CurrencyMark): number | null {
  let equity = 0;
  for (const [currency, total] of totals) {
    if (total === 0) continue;
    const px = mark(currency);
    if (px === null) return null;
    equity += total * px;
  }
  return Number.isFinite(equity) ? roundTo(equity, QUOTE_DECIMALS) : null;
}
