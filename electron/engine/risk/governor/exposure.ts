import { QUOTE_DECIMALS, roundTo } from '../../execution/precision.ts';
import type { PriceSource } from '../../execution/portfolio.ts';

/** A bot's position in one symbol (signed base quantity). */
export interface Holding {
  botId: string;
  symbol: string;
  netQty: number;
}

/** An order that may still fill: its unfilled quantity, at its limit price or (market) the last price. */
export interface PendingOrder {
  clientOrderId: string;
  botId: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  remainingQty: number;
  price: number | null;
  /** A stop's trigger: once woken it trades at or beyond it, so it is counted at no less (left out: no stop). */
  trigger?: number | null;
}

export interface AccountBook {
  holdings: readonly Holding[];
  orders: readonly PendingOrder[];
}

export interface Exposure {
  bySymbol: Map<string, number>;
  total: number;
}

/** The value of one unit of the symbol's quote currency in the account currency (1 when they are the same); null when unknown. */
export type QuoteMark = (symbol: string) => number | null;

const inAccount = (px: number | null, symbol: string, quoteMark: QuoteMark): number | null => {
  const factor = quoteMark(symbol);
  const value = px === null || factor === null ? null : px * factor;
  return value !== null && Number.isFinite(value) ? value : null;
};

const noPrice = (symbol: string) => ({ problem: `There is no price for ${symbol} yet` });

const keyOf = (botId: string, symbol: string) => `${botId}\u0000${symbol}`;

/** Positions held or about to be opened: every bot and symbol with a position or an order that may still fill. */
export function openPositions(book: AccountBook): number {
  const keys = new Set<string>();
  for (const h of book.holdings) if (h.netQty !== 0) keys.add(keyOf(h.botId, h.symbol));
  for (const o of book.orders) if (o.remainingQty > 0) keys.add(keyOf(o.botId, o.symbol));
  return keys.size;
}

/**
 * What the account could hold at worst, in its currency: for each bot and symbol, the larger of
 * "every buy fills and no sell" and "every sell fills and no buy", each order at its limit price
 * or the last price, a stop at its trigger when that is higher. Positions are valued at the last
 * price, long and short alike, turned into the account currency through `quoteMark` (ETH/BTC in a USDT account at BTC/USDT); symbols add up.
 * Returns why it cannot be counted instead (a symbol without a price): a guess would let an entry through unseen.
 */
export function worstCaseExposure(book: AccountBook, lastPrice: PriceSource, quoteMark: QuoteMark = () => 1): Exposure | { problem: string } {
  const perKey = new Map<string, { symbol: string; value: number; buys: number; sells: number }>();
  const entry = (botId: string, symbol: string) => {
    const key = keyOf(botId, symbol);
    let found = perKey.get(key);
    if (!found) perKey.set(key, (found = { symbol, value: 0, buys: 0, sells: 0 }));
    return found;
  };
  for (const h of book.holdings) {
    if (h.netQty === 0) continue;
    const px = inAccount(lastPrice(h.symbol), h.symbol, quoteMark);
    if (px === null) return noPrice(h.symbol);
    entry(h.botId, h.symbol).value += h.netQty * px;
  }
  for (const o of book.orders) {
    if (o.remainingQty <= 0) continue;
    const at = o.price ?? lastPrice(o.symbol);
    const px = inAccount(at === null ? null : Math.max(at, o.trigger ?? 0), o.symbol, quoteMark);
    if (px === null) return noPrice(o.symbol);
    const slot = entry(o.botId, o.symbol);
    if (o.side === 'BUY') slot.buys += o.remainingQty * px;
    else slot.sells += o.remainingQty * px;
  }
  const bySymbol = new Map<string, number>();
  for (const { symbol, value, buys, sells } of perKey.values()) {
    const worst = Math.max(Math.abs(value + buys), Math.abs(value - sells));
    bySymbol.set(symbol, (bySymbol.get(symbol) ?? 0) + worst);
  }
  let total = 0;
  for (const [symbol, value] of bySymbol) {
    if (!Number.isFinite(value)) return { problem: `The exposure in ${symbol} is too large to count` };
    bySymbol.set(symbol, roundTo(value, QUOTE_DECIMALS));
    total += value;
  }
  if (!Number.isFinite(total)) return { problem: 'The total exposure is too large to count' };
  return { bySymbol, total: roundTo(total, QUOTE_DECIMALS) };
}
