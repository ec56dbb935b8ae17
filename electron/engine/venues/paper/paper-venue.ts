import type { Instrument } from '../../../../shared/domain/instrument.ts';
import type { Clock } from '../../ports/clock.ts';
import { fail, ok } from '../../../../shared/errors.ts';
import type { CancelResult, OrderRef, OrderRequest, SubmitResult, Venue, VenueBalance, VenueEvent, VenueFill, VenueOrderSnapshot, VenuePosition } from '../venue.ts';
import { applyMarketRules, fillFee, marketFillPrice } from './paper-rules.ts';

export interface PaperVenueOptions {
  /** Fee as a fraction of notional for orders that take liquidity (market, marketable limit). */
  takerFee: number;
  /** Fee for resting limit orders that are filled later. */
  makerFee: number;
  /** Adverse price move applied to market orders, in basis points. */
  slippageBps: number;
}

export const DEFAULT_PAPER_OPTIONS: PaperVenueOptions = { takerFee: 0.001, makerFee: 0.001, slippageBps: 5 };

interface RestingOrder extends OrderRequest {
  price: number;
}

/** A simulated exchange: fills market orders at the last price plus slippage, rests limit orders. */
export class PaperVenue implements Venue {
  readonly id = 'paper';
  readonly inProcess = true;
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

  /** Puts back the limit orders that were resting when the app last stopped. */
  restoreResting(orders: RestingOrder[]): void {
    for (const order of orders) this.#resting.set(order.clientOrderId, order);
  }

  async submit(order: OrderRequest): Promise<SubmitResult> {
    const instrument = this.#instruments.get(order.symbol);
    if (!instrument) return fail('REFUSED', `Unknown symbol ${order.symbol}`);
    const last = this.#lastPx.get(order.symbol);
    if (last === undefined) return fail('UNAVAILABLE', `No market price for ${order.symbol} yet`);
    const venueOrderId = `paper-${order.clientOrderId}`;

    if (order.type === 'MARKET') {
      const checked = applyMarketRules(instrument, order.qty, marketFillPrice(order.side, last, this.#options.slippageBps));
      if (!checked.ok) return fail('REFUSED', checked.reason);
      return ok({ venueOrderId, fills: [this.#fill(order.clientOrderId, checked.qty, checked.price, this.#options.takerFee)] });
    }

    if (order.price === null) return fail('REFUSED', 'A limit order needs a price');
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

  /** Feeds a price: the bar's range decides which resting limit orders were reached. */
  markPrice(symbol: string, last: number, low = last, high = last): void {
    this.#lastPx.set(symbol, last);
    for (const order of this.#resting.values()) {
      if (order.symbol !== symbol) continue;
      const reached = order.side === 'BUY' ? low <= order.price : high >= order.price;
      if (!reached) continue;
      this.#resting.delete(order.clientOrderId);
      const fill = this.#fill(order.clientOrderId, order.qty, order.price, this.#options.makerFee);
      for (const listener of this.#listeners) listener({ kind: 'filled', fill });
    }
  }

  lastPrice(symbol: string): number | null {
    return this.#lastPx.get(symbol) ?? null;
  }

  #snapshot(order: RestingOrder): VenueOrderSnapshot {
    const { clientOrderId, symbol, side, type, qty, price } = order;
    return { clientOrderId, symbol, side, type, qty, price, venueOrderId: `paper-${clientOrderId}`, status: 'open', fills: [], reason: null, ts: this.#clock.now() };
  }

  #fill(clientOrderId: string, qty: number, px: number, feeRate: number): VenueFill {
    return { fillId: `${clientOrderId}-1`, clientOrderId, qty, px, fee: fillFee(qty, px, feeRate), ts: this.#clock.now() };
  }
}
