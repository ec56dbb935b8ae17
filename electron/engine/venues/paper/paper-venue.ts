import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { isStopType } from '../../../../shared/domain/order.ts';
import { roundPriceToTick } from '../../execution/precision.ts';
import { stopOrderProblem } from '../../execution/stop-checks.ts';
import type { Clock } from '../../ports/clock.ts';
import { fail, ok } from '../../../../shared/errors.ts';
import type { CancelResult, OrderRef, OrderRequest, SubmitResult, Venue, VenueBalance, VenueEvent, VenueFill, VenueOrderSnapshot, VenuePosition } from '../venue.ts';
import { applyMarketRules, fillFee, marketFillPrice } from './paper-rules.ts';
import { stopFillPrice, triggerReached } from './stop-fills.ts';

export interface PaperVenueOptions {
  /** Fee as a fraction of notional for orders that take liquidity (market, marketable limit). */
  takerFee: number;
  /** Fee for resting limit orders that are filled later. */
  makerFee: number;
  /** Adverse price move applied to market orders, in basis points. */
  slippageBps: number;
}

export const DEFAULT_PAPER_OPTIONS: PaperVenueOptions = { takerFee: 0.001, makerFee: 0.001, slippageBps: 5 };

/** A limit order at its price, or a stop waiting for its trigger (a triggered STOP_LIMIT rests as a limit). */
export interface RestingOrder extends OrderRequest {
  price: number | null;
  triggerPrice?: number | null;
  /** A stop whose trigger was reached; a STOP_LIMIT then rests at its limit price. */
  triggered?: boolean;
}

/**
 * A simulated exchange: fills market orders at the last price plus slippage, rests limit orders,
 * and holds stop orders until the price reaches their trigger (see stop-book.ts).
 */
export class PaperVenue implements Venue {
  readonly id = 'paper';
  readonly inProcess = true;
  /** The engine itself is this venue: its stops are held in this process, like its protections. */
  readonly holdsStops = false;
  readonly #instruments: Map<string, Instrument>;
  readonly #lastPx = new Map<string, number>();
  readonly #resting = new Map<string, RestingOrder>();
  readonly #listeners: ((event: VenueEvent) => void)[] = [];
  readonly #options: PaperVenueOptions;
  readonly #clock: Clock;

  constructor(instruments: Instrument[], clock: Clock, options: PaperVenueOptions = DEFAULT_PAPER_OPTIONS) {
    this.#instruments = new Map(instruments.map((i) => [i.symbol, i]));
    this.#options = options;
    this.#clock = clock;
  }

  instruments(): Instrument[] {
    return [...this.#instruments.values()];
  }

  onEvent(listener: (event: VenueEvent) => void): void {
    this.#listeners.push(listener);
  }

  /** Puts back the limit and stop orders that were resting when the app last stopped. */
  restoreResting(orders: RestingOrder[]): void {
    for (const order of orders) this.#resting.set(order.clientOrderId, order);
  }

  async submit(order: OrderRequest): Promise<SubmitResult> {
    const instrument = this.#instruments.get(order.symbol);
    if (!instrument) return fail('REFUSED', `Unknown symbol ${order.symbol}`);
    const last = this.#lastPx.get(order.symbol);
    if (last === undefined) return fail('UNAVAILABLE', `No market price for ${order.symbol} yet`);
    const venueOrderId = `paper-${order.clientOrderId}`;
    if (isStopType(order.type)) return this.#restStop(order, instrument, last, venueOrderId);

    if (order.type === 'MARKET') {
      const checked = applyMarketRules(instrument, order.qty, marketFillPrice(order.side, last, this.#options.slippageBps));
      if (!checked.ok) return fail('REFUSED', checked.reason);
      return ok({ venueOrderId, fills: [this.#fill(order.clientOrderId, checked.qty, checked.price, this.#options.takerFee)] });
    }

    if (order.price === null) return fail('REFUSED', 'A limit order needs a price');
    return this.#limit(order, instrument, last, venueOrderId);
  }

  #limit(order: OrderRequest, instrument: Instrument, last: number, venueOrderId: string): SubmitResult {
    if (order.price == null) return fail('REFUSED', 'A limit order needs a price');
    const checked = applyMarketRules(instrument, order.qty, order.price);
    if (!checked.ok) return fail('REFUSED', checked.reason);
    const marketable = order.side === 'BUY' ? last <= checked.price : last >= checked.price;
    if (marketable) {
      const px = order.side === 'BUY' ? Math.min(last, checked.price) : Math.max(last, checked.price);
      return ok({ venueOrderId, fills: [this.#fill(order.clientOrderId, checked.qty, px, this.#options.takerFee)] });
    }
    this.#resting.set(order.clientOrderId, { ...order, qty: checked.qty, price: checked.price });
    return ok({ venueOrderId, fills: [] });
  }

  /** A stop rests until its trigger; one whose trigger is already passed is refused (it would be a market order). */
  #restStop(order: OrderRequest, instrument: Instrument, last: number, venueOrderId: string): SubmitResult {
    const shape = { symbol: order.symbol, side: order.side, type: order.type, price: order.price, triggerPrice: order.triggerPrice ?? null };
    const problem = stopOrderProblem(shape, last);
    if (problem) return fail('REFUSED', problem);
    // Checked at the trigger price (a stop-limit at its limit): the order must be worth the minimum when it wakes.
    const checked = applyMarketRules(instrument, order.qty, order.price ?? (order.triggerPrice as number));
    if (!checked.ok) return fail('REFUSED', checked.reason);
    const triggerPrice = roundPriceToTick(order.triggerPrice as number, instrument);
    this.#resting.set(order.clientOrderId, { ...order, qty: checked.qty, price: order.price === null ? null : checked.price, triggerPrice, triggered: false });
    return ok({ venueOrderId, fills: [] });
  }

  async cancel({ clientOrderId }: OrderRef): Promise<CancelResult> {
    if (!this.#resting.delete(clientOrderId)) return fail('REFUSED', 'Order is not open at the venue');
    return ok(null);
  }

  /** The simulator remembers only resting orders: the others were answered in full when placed. */
  async fetchOrder({ clientOrderId }: OrderRef): Promise<VenueOrderSnapshot | null> {
    const resting = this.#resting.get(clientOrderId);
    return resting ? this.#snapshot(resting) : null;
  }

  async openOrders(): Promise<VenueOrderSnapshot[]> {
    return [...this.#resting.values()].map((order) => this.#snapshot(order));
  }

  /** Paper fills are booked in the transaction that made them, so there is never one to catch up on. */
  async fillsSince(): Promise<VenueFill[]> {
    return [];
  }

  /** The paper account's balances are the ledger's own (accounts/), not the simulator's. */
  async balances(): Promise<VenueBalance[]> {
    return [];
  }

  /** The simulator trades spot only. */
  async positions(): Promise<VenuePosition[]> {
    return [];
  }

  async close(): Promise<void> {}

  /**
   * Feeds a price: the bar's range decides which stops woke and which resting limit orders were
   * reached. A woken STOP trades at market; a woken STOP_LIMIT rests at its limit, and fills at once
   * if the price is already there.
   */
  markPrice(symbol: string, last: number, low = last, high = last): void {
    this.#lastPx.set(symbol, last);
    for (const order of [...this.#resting.values()]) {
      if (order.symbol !== symbol) continue;
      if (isStopType(order.type) && !order.triggered) {
        if (!triggerReached(order, low, high)) continue;
        order.triggered = true;
        this.#emit({ kind: 'triggered', clientOrderId: order.clientOrderId, px: last, ts: this.#clock.now() });
        if (order.type === 'STOP') {
          this.#resting.delete(order.clientOrderId);
          const px = stopFillPrice(order, last, this.#options.slippageBps, this.#instruments.get(symbol));
          this.#emit({ kind: 'filled', fill: this.#fill(order.clientOrderId, order.qty, px, this.#options.takerFee) });
          continue;
        }
        // A stop-limit that wakes with the price already through its limit takes liquidity at once.
        const limit = order.price as number;
        if (order.side === 'BUY' ? last <= limit : last >= limit) {
          this.#resting.delete(order.clientOrderId);
          const px = order.side === 'BUY' ? Math.min(last, limit) : Math.max(last, limit);
          this.#emit({ kind: 'filled', fill: this.#fill(order.clientOrderId, order.qty, px, this.#options.takerFee) });
        }
        continue;
      }
      if (order.price === null) continue;
      const reached = order.side === 'BUY' ? low <= order.price : high >= order.price;
      if (!reached) continue;
      this.#resting.delete(order.clientOrderId);
      this.#emit({ kind: 'filled', fill: this.#fill(order.clientOrderId, order.qty, order.price, this.#options.makerFee) });
    }
  }

  #emit(event: VenueEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  lastPrice(symbol: string): number | null {
    return this.#lastPx.get(symbol) ?? null;
  }

  #snapshot(order: RestingOrder): VenueOrderSnapshot {
    const { clientOrderId, symbol, side, type, qty, price } = order;
    return { clientOrderId, symbol, side, type, qty, price, triggerPrice: order.triggerPrice ?? null, venueOrderId: `paper-${clientOrderId}`, status: 'open', fills: [], reason: null, ts: this.#clock.now() };
  }

  #fill(clientOrderId: string, qty: number, px: number, feeRate: number): VenueFill {
    return { fillId: `${clientOrderId}-1`, clientOrderId, qty, px, fee: fillFee(qty, px, feeRate), ts: this.#clock.now() };
  }
}
