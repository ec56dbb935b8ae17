import type { RiskLimits } from '../../../../shared/contract/risk-limits.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import { formatMoney } from '../../accounts/amounts.ts';
import type { PriceSource } from '../../execution/portfolio.ts';
import type { LossFigures } from './account-locks.ts';
import { withoutOrder } from './book.ts';
import { openPositions, worstCaseExposure, type AccountBook, type QuoteMark } from './exposure.ts';
import { orderWords, stalePriceReason } from './messages.ts';
import type { PriceFreshness } from './price-freshness.ts';

interface EntryInput {
  order: Order;
  /** The account's book with the order in it. */
  book: AccountBook;
  limits: RiskLimits;
  currency: string;
  figures: LossFigures;
  lastPrice: PriceSource;
  quoteMark: QuoteMark;
  freshness: PriceFreshness;
}

const COUNTED = 'orders counted at their limit price, or the last price for market orders; a stop at its trigger when that is higher';

/**
 * The governor's rules on one entry, first refusal wins: fresh market data, locks in force, open
 * positions, exposure per symbol and in total. A count or exposure rule refuses only an order that
 * raises its figure past the limit: an order that lowers it always goes.
 */
export function entryRefusal({ order, book, limits, currency, figures, lastPrice, quoteMark, freshness }: EntryInput): string | null {
  const px = lastPrice(order.symbol);
  const age = freshness.ageMs(order.symbol);
  if (px === null) return `There is no ${order.symbol} price yet, so the risk limits cannot be checked; entries are refused until market data arrives`;
  if (limits.maxPriceAgeSeconds !== null && (age === null || age > limits.maxPriceAgeSeconds * 1000)) return stalePriceReason(order.symbol, age, limits.maxPriceAgeSeconds);
  const lock = figures.locks[0];
  if (lock) return lock.reason;
  if (figures.equity === null && (limits.dailyLossLimit !== null || limits.maxDrawdownPct !== null)) return 'The account’s equity cannot be counted (a currency it holds has no price), so the loss limits cannot be checked; entries are refused';
  if (limits.dailyLossLimit !== null && figures.dailyLoss === null) return 'No equity has been recorded for this account yet, so the daily loss limit cannot be checked; entries are refused until the first equity point is recorded (within a market minute)';

  const before = withoutOrder(book, order.clientOrderId);
  if (limits.maxOpenPositions !== null) {
    const held = openPositions(before);
    const after = openPositions(book);
    if (after > held && after > limits.maxOpenPositions) return `Max open positions ${limits.maxOpenPositions} reached: the account already has ${held} (positions held or orders that may still fill), so ${orderWords(order)} would open one more`;
  }
  if (limits.maxSymbolExposure === null && limits.maxTotalExposure === null) return null;
  const was = worstCaseExposure(before, lastPrice, quoteMark);
  const will = worstCaseExposure(book, lastPrice, quoteMark);
  if ('problem' in will) return `${will.problem}, so the exposure limits cannot be checked; entries are refused`;
  if ('problem' in was) return `${was.problem}, so the exposure limits cannot be checked; entries are refused`;
  const money = (value: number) => formatMoney(value, currency);
  if (limits.maxSymbolExposure !== null) {
    const now = was.bySymbol.get(order.symbol) ?? 0;
    const then = will.bySymbol.get(order.symbol) ?? 0;
    if (then > now && then > limits.maxSymbolExposure) return `Max exposure per symbol ${money(limits.maxSymbolExposure)}: ${orderWords(order)} would bring ${order.symbol} to ${money(then)} at worst (now ${money(now)}; ${COUNTED})`;
  }
  if (limits.maxTotalExposure !== null && will.total > was.total && will.total > limits.maxTotalExposure) {
    return `Max total exposure ${money(limits.maxTotalExposure)}: ${orderWords(order)} would bring the account to ${money(will.total)} at worst (now ${money(was.total)}; ${COUNTED})`;
  }
  return null;
}
