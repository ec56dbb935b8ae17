import type { Kysely } from 'kysely';
import type { OrderSide } from '../../../shared/domain/order.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import { OPEN_STATUSES } from '../execution/order-state.ts';
import { roundTo } from '../execution/precision.ts';
import { ordersOfBot } from '../persistence/orders.repository.ts';
import type { Database } from '../persistence/database.ts';
import type { Logger } from '../ports/logger.ts';
import type { Intent } from '../strategies/strategy.ts';
import type { PairIntent, PairPositions } from '../strategies/arbitrage.ts';

/** One leg: its own bot row (so its orders, fills and position are booked apart) on its own account. */
export interface PairLeg {
  botId: string;
  symbol: string;
  account: string;
}

export interface PairBook {
  /** The trader's name for the arbitrage bot, used in every alert. */
  name: string;
  a: PairLeg;
  b: PairLeg;
  /** Base quantity of each leg's entry. */
  qty: number;
}

/** How the trader hears of legs that do not hedge: the risk alert (alerts centre, desktop, Telegram). */
export type LegAlert = (title: string, body: string) => void;

export type HedgeState = 'hedged' | 'waiting' | 'repaired' | 'unhedged';

/** The ledger keeps quantities to 10 decimals: anything smaller is rounding, not exposure. */
const QTY_EPSILON = 1e-9;
const LEG_NAMES = { a: 'A', b: 'B' } as const;

const sideOf = (target: Intent['target']) => (target === 'long' ? 1 : target === 'short' ? -1 : 0);

/**
 * Trades the two legs of an arbitrage through the order manager (write-ahead, so both legs are
 * recorded as orders before they are sent) and keeps them hedged: leg A first, then leg B; when a
 * leg does not fill, or the app died between the legs, `repair` closes the excess (reduce-only) and
 * tells the trader with the quantities. Positions are what it trusts, so a restart needs no journal.
 */
export class PairExecutor {
  readonly #db: Kysely<Database>;
  readonly #orders: OrderManager;
  readonly #logger: Logger;
  readonly #alert: LegAlert;
  readonly #book: PairBook;

  constructor(deps: { db: Kysely<Database>; orders: OrderManager; logger: Logger; alert: LegAlert }, book: PairBook) {
    this.#db = deps.db;
    this.#orders = deps.orders;
    this.#logger = deps.logger;
    this.#alert = deps.alert;
    this.#book = book;
  }

  positions(): PairPositions {
    const of = (leg: PairLeg) => {
      const { netQty, avgPxOpen } = this.#orders.position(leg.botId, leg.symbol);
      return { qty: netQty, avgPx: avgPxOpen };
    };
    return { a: of(this.#book.a), b: of(this.#book.b) };
  }

  /** Moves both legs to the intent: closes first, then leg A's entry, leg B's only if A's filled; then checks the hedge. */
  async follow(intent: PairIntent): Promise<HedgeState> {
    const held = this.positions();
    for (const leg of ['a', 'b'] as const) {
      const qty = held[leg].qty;
      if (qty !== 0 && Math.sign(qty) !== sideOf(intent[leg].target)) await this.#send(leg, qty > 0 ? 'SELL' : 'BUY', Math.abs(qty), 'strategy');
    }
    for (const leg of ['a', 'b'] as const) {
      const want = sideOf(intent[leg].target);
      if (want === 0 || Math.sign(this.positions()[leg].qty) === want) continue;
      const entered = await this.#send(leg, want > 0 ? 'BUY' : 'SELL', this.#book.qty, 'strategy', true);
      if (!entered) break; // no second leg without the first
    }
    return this.repair();
  }

  /**
   * Makes the legs hedge each other again: leg A long exactly what leg B is short (or the mirror).
   * Waits while either leg has an order in flight (it may still fill); otherwise closes the excess
   * on the leg that holds it, or both legs when they are on the same side.
   */
  async repair(): Promise<HedgeState> {
    const { a, b } = this.#book;
    const inFlight = (await ordersOfBot(this.#db, a.botId, OPEN_STATUSES, a.symbol)).length + (await ordersOfBot(this.#db, b.botId, OPEN_STATUSES, b.symbol)).length;
    const before = this.positions();
    const excess = before.a.qty + before.b.qty;
    if (Math.abs(excess) < QTY_EPSILON) return 'hedged';
    if (inFlight > 0) return 'waiting';
    const trims = this.#trims(before.a.qty, before.b.qty, excess);
    for (const [leg, qty] of trims) await this.#send(leg, qty > 0 ? 'SELL' : 'BUY', Math.abs(qty), 'protection');
    const after = this.positions();
    const repaired = Math.abs(after.a.qty + after.b.qty) < QTY_EPSILON;
    const was = this.#describe(before);
    const done = trims.map(([leg, qty]) => `${qty > 0 ? 'sold' : 'bought'} ${Math.abs(qty)} on leg ${LEG_NAMES[leg]} (${this.#book[leg].account})`).join(' and ');
    const body = repaired
      ? `The two legs did not match (${was}): ${done}, so nothing is left unhedged.`
      : `The two legs do not match (${was}) and closing the excess failed (now ${this.#describe(after)}). Close the unhedged position by hand.`;
    this.#alert(`Arbitrage bot '${this.#book.name}': ${repaired ? 'an unhedged leg was closed' : 'a leg is unhedged'}`, body);
    return repaired ? 'repaired' : 'unhedged';
  }

  /** What to close on which leg (signed: positive sells): the excess on the leg holding it, else both legs. */
  #trims(qtyA: number, qtyB: number, excess: number): ['a' | 'b', number][] {
    for (const [leg, qty] of [['a', qtyA], ['b', qtyB]] as const) {
      if (Math.sign(qty) === Math.sign(excess) && Math.abs(qty) >= Math.abs(excess) && Math.sign(qtyA) !== Math.sign(qtyB)) return [[leg, roundTo(excess, 10)]];
    }
    const both: ['a' | 'b', number][] = [];
    if (qtyA !== 0) both.push(['a', qtyA]);
    if (qtyB !== 0) both.push(['b', qtyB]);
    return both;
  }

  #describe(p: PairPositions): string {
    const leg = (name: 'a' | 'b') => `leg ${LEG_NAMES[name]} ${p[name].qty > 0 ? 'long' : p[name].qty < 0 ? 'short' : 'flat'}${p[name].qty === 0 ? '' : ` ${Math.abs(p[name].qty)}`} ${this.#book[name].symbol} on ${this.#book[name].account}`;
    return `${leg('a')}, ${leg('b')}`;
  }

  /**
   * One market order on a leg; true once the leg's position moved by it (a refusal or an error is
   * false, logged). Reduce-only unless it is the strategy's entry; a repair is a protection order.
   */
  async #send(leg: 'a' | 'b', side: OrderSide, qty: number, source: 'strategy' | 'protection', entry = false): Promise<boolean> {
    const { botId, symbol } = this.#book[leg];
    const before = this.#orders.position(botId, symbol).netQty;
    try {
      await this.#orders.place({ botId, symbol, side, type: 'MARKET', qty, reduceOnly: !entry, source });
      await this.#orders.settled();
    } catch (error) {
      this.#logger.error(`Arbitrage leg ${LEG_NAMES[leg]} order failed`, { botId, symbol, side, qty, error });
    }
    return this.#orders.position(botId, symbol).netQty !== before;
  }
}
