import type { Kysely } from 'kysely';
import type { Order } from '../../../../shared/domain/order.ts';
import type { EventBus } from '../../event-bus.ts';
import { closableOf } from '../../execution/closable-qty.ts';
import type { OrderManager, PlaceOrder } from '../../execution/order-manager.ts';
import { OPEN_STATUSES } from '../../execution/order-state.ts';
import { botAccountId } from '../../persistence/bots.repository.ts';
import type { Database } from '../../persistence/database.ts';
import { ordersOfBot } from '../../persistence/orders.repository.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { VenueRegistry } from '../../venues/venue-registry.ts';
import { type ExchangeStopState, gridOf, isHeldStop, isWanted, newHeldStopId, type WantedStop, wantedStop } from './desired-stop.ts';

export type { ExchangeStopState } from './desired-stop.ts';

/** A refused stop is asked again for the same level and size at most this often (engine clock), so a refusal makes no order storm. */
export const HELD_STOP_RETRY_MS = 60_000;

export interface ExchangeStopsDeps {
  db: Kysely<Database>;
  orders: OrderManager;
  venues: VenueRegistry;
  bus: EventBus;
  /** The position's stop-loss level (Protections.get(...).stopLoss), or null. */
  stopLoss: (botId: string, symbol: string) => number | null;
  clock: Clock;
  logger: Logger;
  /** True while the emergency stop cancels orders (or flattens): its sweep cancels every order, so none is placed or canceled against it. */
  halted: () => boolean;
}

const keyOf = (botId: string, symbol: string) => `${botId}\u0000${symbol}`;
const describeStop = (w: WantedStop) => `${w.side} ${w.qty} stop at ${w.triggerPrice}`;
const missing = (problem: string): ExchangeStopState => ({ status: 'missing', problem });
const noop = () => undefined;

/**
 * Keeps, for every live (exchange) position with a stop-loss level, one reduce-only stop order at
 * the exchange at that level, for the position less what other closing orders already take, so
 * the loss is capped even while this app is closed or offline. Placed when a level is set,
 * replaced when the level or the size changes, canceled when the position closes.
 *
 * Never two that could both fill: a replacement cancels first and places only once every old stop
 * is confirmed gone; a fill landing in between shows as a refused cancel and a smaller (or flat)
 * position, and the next pass works from that. Every other reduce-only order (the engine's own
 * stop-loss or take-profit close, a strategy's exit, the trader's close) first takes the held stop
 * back (`beforeReduce`): if the exchange fired it meanwhile, the position is flat and that close is
 * refused as reduce-only; else the close goes and the stop comes back for what is left.
 *
 * Passes and take-backs run one at a time, in order, so each reads what the one before it did.
 */
export class ExchangeStops {
  readonly #deps: ExchangeStopsDeps;
  readonly #states = new Map<string, ExchangeStopState>();
  /** The last refused placement per position, and when: the same stop is not asked again before HELD_STOP_RETRY_MS. */
  readonly #refused = new Map<string, { stop: string; at: number }>();
  /** Held stops canceled by someone else (the trader, the exchange): not placed again until the level or size changes. */
  readonly #canceledElsewhere = new Map<string, string>();
  /** Held stops this keeper canceled (so their cancel is not mistaken for the trader's). */
  readonly #ownCancels = new Set<string>();
  /** Reduce-only orders being placed per position: no stop is placed meanwhile. */
  readonly #closing = new Map<string, number>();
  readonly #dirty = new Map<string, { botId: string; symbol: string }>();
  /** Each bot's account as last read, so the paper account's busy traffic costs no work here. */
  readonly #accountOf = new Map<string, string>();
  /** The position a pass is working on now (it may be placing its stop). */
  #syncing: string | null = null;
  #serial: Promise<unknown> = Promise.resolve();
  #passQueued = false;

  constructor(deps: ExchangeStopsDeps) {
    this.#deps = deps;
  }

  /** Listens to positions, orders and prices, and brings every position's held stop up to date. */
  start(): void {
    const { bus, orders } = this.#deps;
    bus.on('change', (event) => {
      if (event.topic !== 'positions' || !('botId' in event) || typeof event.botId !== 'string') return;
      const account = this.#accountOf.get(event.botId);
      if (account !== undefined && this.#inProcess(account)) return;
      for (const { botId, symbol } of orders.positionEntries()) if (botId === event.botId) this.#schedule(botId, symbol);
    });
    orders.onOrderUpdate((order) => this.#onOrder(order));
    orders.useBeforeReduce((request) => this.#takeBack(request));
    // A refused or unconfirmed stop is looked at again as prices come (each refusal paced by HELD_STOP_RETRY_MS).
    bus.on('candle', (update) => {
      for (const { botId, symbol } of orders.positionEntries()) if (symbol === update.symbol && this.state(botId, symbol)?.status === 'missing') this.#schedule(botId, symbol);
    });
    this.resyncAll();
  }

  /** The position's exchange stop as last seen; null when there is nothing to hold (flat, no stop-loss, a paper account). */
  state(botId: string, symbol: string): ExchangeStopState | null {
    return this.#states.get(keyOf(botId, symbol)) ?? null;
  }

  /** Every position again (the emergency stop was lifted, say). */
  resyncAll(): void {
    for (const { botId, symbol } of this.#deps.orders.positionEntries()) this.#schedule(botId, symbol);
  }

  /** Resolves once every pass asked for so far has run. */
  async settled(): Promise<void> {
    while (this.#passQueued) await this.#serial;
  }

  #run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#serial.then(work);
    this.#serial = next.catch(noop);
    return next;
  }

  /** The paper account: the engine is its venue, and its own protections are the stop. */
  #inProcess(accountId: string): boolean {
    return accountId === 'paper' || this.#deps.venues.get(accountId)?.inProcess === true;
  }

  #onOrder(order: Order): void {
    if (this.#inProcess(order.venue)) return;
    const canceled = isHeldStop(order) && order.status === 'CANCELED';
    // The emergency sweep's cancels are not the trader's word on this stop: it comes back once the stop is lifted.
    if (canceled && !this.#ownCancels.has(order.clientOrderId) && !this.#deps.halted()) {
      this.#canceledElsewhere.set(keyOf(order.botId, order.symbol), describeStop({ side: order.side, qty: order.qty - order.filledQty, triggerPrice: order.triggerPrice ?? 0 }));
    }
    if (canceled) this.#ownCancels.delete(order.clientOrderId);
    this.#schedule(order.botId, order.symbol);
  }

  /** Before another reduce-only order on a position: its held stops are canceled (and stay away until that order is placed). */
  #takeBack(request: PlaceOrder): Promise<() => void> {
    if (request.clientOrderId !== undefined && isHeldStop({ clientOrderId: request.clientOrderId, type: request.type })) return Promise.resolve(noop);
    const key = keyOf(request.botId, request.symbol);
    this.#closing.set(key, (this.#closing.get(key) ?? 0) + 1);
    const release = () => {
      const left = (this.#closing.get(key) ?? 1) - 1;
      if (left > 0) this.#closing.set(key, left);
      else this.#closing.delete(key);
      this.#schedule(request.botId, request.symbol);
    };
    const heldNow = async () => (await ordersOfBot(this.#deps.db, request.botId, OPEN_STATUSES, request.symbol)).filter(isHeldStop);
    const takeBack = async () => {
      for (const stop of await heldNow()) if (stop.status !== 'PENDING_CANCEL') await this.#cancel(stop.clientOrderId);
      return release;
    };
    // With no held stop and no pass placing one, nothing waits (a paper close never queues behind an
    // exchange's answers); no later pass places one now that the close is counted.
    const quick = this.#syncing === key ? Promise.resolve(null) : heldNow().then((held) => (held.length === 0 ? release : null));
    return quick
      .then((done) => done ?? this.#run(takeBack))
      .catch((error: unknown) => {
        release();
        throw error;
      });
  }

  #schedule(botId: string, symbol: string): void {
    this.#dirty.set(keyOf(botId, symbol), { botId, symbol });
    if (this.#passQueued) return;
    this.#passQueued = true;
    void this.#run(() => this.#pass());
  }

  async #pass(): Promise<void> {
    this.#passQueued = false;
    const due = [...this.#dirty.entries()];
    this.#dirty.clear();
    for (const [key, { botId, symbol }] of due) {
      this.#syncing = key;
      await this.#sync(key, botId, symbol).catch((error: unknown) => {
        this.#set(key, missing('The exchange stop could not be checked; it is looked at again on the next change'));
        this.#deps.logger.error('Could not keep the exchange stop of a position', { botId, symbol, error });
      });
      this.#syncing = null;
    }
  }

  async #sync(key: string, botId: string, symbol: string): Promise<void> {
    const { db, orders, venues } = this.#deps;
    const accountId = await botAccountId(db, botId);
    if (accountId === undefined) return this.#set(key, null);
    this.#accountOf.set(botId, accountId);
    if (this.#inProcess(accountId)) return this.#set(key, null);
    const venue = venues.get(accountId);
    const held = orders.position(botId, symbol).netQty;
    const open = await ordersOfBot(db, botId, OPEN_STATUSES, symbol);
    const heldStops = open.filter(isHeldStop);
    // What other closes already take is not covered twice: the stop is for the rest.
    const { free } = closableOf(held, open.filter((o) => !isHeldStop(o)));
    const level = this.#deps.stopLoss(botId, symbol);
    const covers = wantedStop(held, level);
    const wanted = covers && wantedStop(Math.sign(held) * free, level);
    if (!venue) return this.#set(key, covers ? missing(`Account ${accountId} is not connected: no stop can be placed at its exchange`) : null);
    if (venue.holdsStops !== true) return this.#set(key, covers ? { status: 'not_supported', problem: `${venue.id} takes no stop orders: only StoxRobot watches this stop-loss, and only while it runs` } : null);
    const instrument = venue.instruments().find((i) => i.symbol === symbol);
    const onGrid = (w: WantedStop): WantedStop => (instrument ? gridOf(w, instrument) : w);
    const closing = (this.#closing.get(key) ?? 0) > 0;
    const target = closing ? null : wanted;
    const keep = target ? heldStops.find((o) => isWanted(o, target, onGrid)) : undefined;
    const kept = (order: Order): ExchangeStopState => (order.venueOrderId === null ? missing('The exchange has not confirmed the stop order yet') : { status: 'held', problem: null });
    if (keep && heldStops.length === 1) return this.#set(key, kept(keep));
    // The emergency sweep cancels every order: nothing is placed or canceled against it; what is held stays held.
    if (this.#deps.halted()) return this.#set(key, keep ? kept(keep) : covers ? missing('The emergency stop is in force: no stop is placed at the exchange') : null);
    // Cancel first; place only once no old stop can fill any more.
    for (const old of heldStops) if (old.status !== 'PENDING_CANCEL') await this.#cancel(old.clientOrderId);
    const stillOpen = (await ordersOfBot(db, botId, OPEN_STATUSES, symbol)).filter(isHeldStop);
    if (stillOpen.length > 0) return this.#set(key, missing('The old exchange stop is being canceled; the new one is placed once the exchange confirms'));
    if (!covers) return this.#set(key, null);
    if (!target) return this.#set(key, missing(closing ? 'A closing order is being placed; the stop returns for what it leaves' : 'Closing orders at the exchange take the whole position'));
    return this.#place(key, botId, symbol, onGrid(target));
  }

  async #cancel(clientOrderId: string): Promise<void> {
    this.#ownCancels.add(clientOrderId);
    const result = await this.#deps.orders.cancel(clientOrderId);
    if (!result.ok) this.#deps.logger.warn('The exchange did not cancel a held stop', { clientOrderId, reason: result.error.message });
  }

  async #place(key: string, botId: string, symbol: string, stop: WantedStop): Promise<void> {
    const what = describeStop(stop);
    if (this.#canceledElsewhere.get(key) === what) {
      return this.#set(key, missing(`The exchange stop (${what}) was canceled outside StoxRobot; it is placed again when the stop-loss or the position changes`));
    }
    this.#canceledElsewhere.delete(key);
    const now = this.#deps.clock.now();
    const refused = this.#refused.get(key);
    if (refused?.stop === what && now - refused.at < HELD_STOP_RETRY_MS) return;
    const order = await this.#deps.orders.place({ botId, symbol, side: stop.side, type: 'STOP', qty: stop.qty, triggerPrice: stop.triggerPrice, reduceOnly: true, source: 'protection', clientOrderId: newHeldStopId(now) });
    if (order.status === 'REJECTED') {
      this.#refused.set(key, { stop: what, at: now });
      this.#deps.logger.warn('The exchange refused a held stop', { botId, symbol, reason: order.rejectReason });
      return this.#set(key, missing(`The stop (${what}) was refused: ${order.rejectReason ?? 'no reason given'}`));
    }
    this.#refused.delete(key);
    if (order.status === 'PENDING_SUBMIT') return this.#set(key, missing('The exchange has not confirmed the stop order yet'));
    // Accepted, or filled at once (the price was already there): either way the position is covered.
    this.#set(key, { status: 'held', problem: null });
  }

  #set(key: string, state: ExchangeStopState | null): void {
    const before = this.#states.get(key) ?? null;
    if (state === null) this.#states.delete(key);
    else this.#states.set(key, state);
    if (before?.status === state?.status && before?.problem === state?.problem) return;
    this.#deps.bus.emit('change', { topic: 'positions', botId: key.slice(0, key.indexOf('\u0000')) });
  }
}
