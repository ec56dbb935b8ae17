import { QUOTE_DECIMALS, roundTo } from '../execution/precision.ts';
import type { Balance } from '../../../shared/domain/account.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Order } from '../../../shared/domain/order.ts';
import { formatMoney, formatQuantity } from './amounts.ts';
import type { PriceSource } from '../execution/portfolio.ts';
import type { CurrencyMark } from './valuation.ts';

/** A market order reserves at the last price plus this much: slippage and the move before it fills. */
export const MARKET_PRICE_HEADROOM = 0.01;

export type FundingOrder = Pick<Order, 'clientOrderId' | 'symbol' | 'side' | 'type' | 'qty' | 'filledQty' | 'price' | 'tsInit'> & Partial<Pick<Order, 'triggerPrice'>>;

export interface FundsInput {
  /** The account currency: equity, collateral and short holds are counted in it. */
  currency: string;
  totals: ReadonlyMap<string, number>;
  instruments: ReadonlyMap<string, Instrument>;
  lastPrice: PriceSource;
  mark: CurrencyMark;
  /** Fee rate for orders that take liquidity; reserved on top of the notional. */
  takerFee: number;
}

/** What an order needs of `currency`, and how much of it would open new exposure (long or short). */
export interface Need {
  currency: string;
  amount: number;
  side: Order['side'];
  base: string;
  opening: number;
  baseFromHeld: number;
}

/**
 * The paper account is a 1x margin account, derived from its balances and open orders (nothing is
 * stored, so a cancel or a reject frees its reservation with no extra write):
 * - an order that opens exposure needs its notional plus the taker fee in free quote: a BUY beyond
 *   any short it buys back, a SELL beyond the base held (a short). Limit and stop-limit orders count
 *   at their limit price, market orders at the last price plus MARKET_PRICE_HEADROOM, stop orders at
 *   the higher of that and their trigger plus the headroom;
 * - a SELL of base held reserves that base; a BUY that only buys back a short needs nothing more;
 * - a short position holds back twice its notional at the mark: the sale proceeds sitting in the
 *   quote balance, plus collateral equal to the notional. A short that moves against the account
 *   can make free quote negative; nothing is liquidated, but only orders that reduce exposure pass.
 * Open orders take the base held (for sells) and the shorts (for buys) oldest first.
 */
export class Funds {
  readonly #input: FundsInput;
  readonly #longRoom = new Map<string, number>();
  readonly #shortRoom = new Map<string, number>();
  readonly #reserved = new Map<string, number>();
  readonly #reservingOrders = new Map<string, number>();
  readonly heldForShorts: number;

  private constructor(input: FundsInput, heldForShorts: number) {
    this.#input = input;
    this.heldForShorts = heldForShorts;
    for (const [currency, total] of input.totals) {
      if (total > 0) this.#longRoom.set(currency, total);
      if (total < 0) this.#shortRoom.set(currency, -total);
    }
  }

  /** The funds after every open order's reservation, or why they cannot be counted (a price is missing). */
  static of(input: FundsInput, openOrders: readonly FundingOrder[]): Funds | string {
    let held = 0;
    for (const [currency, total] of input.totals) {
      if (total >= 0 || currency === input.currency) continue;
      const px = input.mark(currency);
      if (px === null) return `No market price for ${currency} yet, so the short ${currency} position cannot be valued`;
      held += 2 * -total * px;
    }
    const funds = new Funds(input, held);
    const oldestFirst = [...openOrders].sort((a, b) => a.tsInit - b.tsInit || a.clientOrderId.localeCompare(b.clientOrderId));
    for (const order of oldestFirst) {
      const need = funds.#take(order, true);
      if (typeof need === 'string') return need;
    }
    return funds;
  }

  /** What a new order would need on top of the open ones; the book is left as it was. */
  need(order: FundingOrder): Need | string {
    return this.#take(order, false);
  }

  reserved(currency: string): number {
    return this.#reserved.get(currency) ?? 0;
  }

  reservingOrders(currency: string): number {
    return this.#reservingOrders.get(currency) ?? 0;
  }

  free(currency: string): number {
    const total = this.#input.totals.get(currency) ?? 0;
    return total - this.reserved(currency) - (currency === this.#input.currency ? this.heldForShorts : 0);
  }

  /** Per currency: total, reserved (open orders, plus short holds in the account currency), free. */
  balances(): Balance[] {
    const currencies = new Set([this.#input.currency, ...this.#input.totals.keys(), ...this.#reserved.keys()]);
    return [...currencies].map((currency) => {
      const total = this.#input.totals.get(currency) ?? 0;
      const free = this.free(currency);
      return { currency, total, reserved: roundTo(total - free, QUOTE_DECIMALS), free: roundTo(free, QUOTE_DECIMALS) };
    });
  }

  /** `Needs 28,914,000.00 USDT; 10,000.00 USDT available (1,200.00 USDT reserved by 2 open orders)`. */
  refusal(need: Need): string {
    const format = (value: number) => (need.currency === this.#input.currency ? formatMoney(value, need.currency) : formatQuantity(value, need.currency));
    const why: string[] = [];
    const orders = this.reservingOrders(need.currency);
    if (orders > 0) why.push(`${format(this.reserved(need.currency))} reserved by ${orders} open order${orders === 1 ? '' : 's'}`);
    if (need.currency === this.#input.currency && this.heldForShorts > 0) why.push(`${format(this.heldForShorts)} held against short positions`);
    const available = `${format(Math.max(0, this.free(need.currency)))} available${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
    const short = need.side === 'SELL' ? `Selling ${formatQuantity(need.opening, need.base)} short needs 1x collateral. ` : '';
    return `${short}Needs ${format(need.amount)}; ${available}`;
  }

  #take(order: FundingOrder, reserve: boolean): Need | string {
    const instrument = this.#input.instruments.get(order.symbol);
    if (!instrument) return `Unknown symbol ${order.symbol}`;
    const remaining = Math.max(0, order.qty - order.filledQty);
    const px = this.#worstPrice(order);
    if (px === null) return `No market price for ${order.symbol} yet`;
    const room = order.side === 'SELL' ? this.#longRoom : this.#shortRoom;
    const covered = Math.min(remaining, room.get(instrument.base) ?? 0);
    const opening = remaining - covered;
    // Notional plus fee as two terms: `notional × (1 + fee)` carries the float error of 1.001 into the cents.
    const notional = opening * px;
    const need: Need = { currency: instrument.quote, amount: notional + notional * this.#input.takerFee, side: order.side, base: instrument.base, opening, baseFromHeld: order.side === 'SELL' ? covered : 0 };
    if (reserve) {
      room.set(instrument.base, (room.get(instrument.base) ?? 0) - covered);
      this.#add(instrument.base, need.baseFromHeld);
      this.#add(need.currency, need.amount);
    }
    return need;
  }

  #add(currency: string, amount: number): void {
    if (amount <= 0) return;
    this.#reserved.set(currency, this.reserved(currency) + amount);
    this.#reservingOrders.set(currency, this.reservingOrders(currency) + 1);
  }

  /**
   * The price an order is counted at, at its worst: a limit (or a stop-limit) at its limit; a market
   * order at the last price plus headroom; a stop (market) at the higher of its trigger and the last
   * price plus headroom, since it trades at market once woken and may wake on a gap.
   */
  #worstPrice(order: FundingOrder): number | null {
    if ((order.type === 'LIMIT' || order.type === 'STOP_LIMIT') && order.price !== null) return order.price;
    const market = this.#marketPrice(order.symbol);
    if (order.type !== 'STOP' || order.triggerPrice == null || market === null) return market;
    return Math.max(market, order.triggerPrice * (1 + MARKET_PRICE_HEADROOM));
  }

  #marketPrice(symbol: string): number | null {
    const last = this.#input.lastPrice(symbol);
    return last === null ? null : last * (1 + MARKET_PRICE_HEADROOM);
  }
}
