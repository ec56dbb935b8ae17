import type { AccountMarket } from '../../accounts/account-funds.ts';
import { currencyMarks } from '../../accounts/valuation.ts';
import type { QuoteMark } from './exposure.ts';

/** Turns a symbol's quote currency into the account currency at the last price (ETH/BTC's BTC via BTC/USDT). */
export function quoteMarks(currency: string, market: AccountMarket): QuoteMark {
  const mark = currencyMarks(currency, market.instruments, market.lastPrice);
  return (symbol) => {
    const quote = market.instruments.find((i) => i.symbol === symbol)?.quote ?? symbol.split('/')[1]?.split(':')[0];
    return quote === undefined ? null : mark(quote);
  };
}
