import type { Kysely } from 'kysely';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Order, OrderSide, OrderSource, OrderType } from '../../../shared/domain/order.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { EventBus } from '../event-bus.ts';
import type { Database } from '../persistence/database.ts';
import { insertFillOnce, insertTrade, loadPositions, savePosition, type TripPlace } from '../persistence/ledger.repository.ts';
import { appendAudit } from '../persistence/audit.repository.ts';
import { appendOrderEvent } from '../persistence/order-events.repository.ts';
import { findOrder, insertOrder, ordersOfBot, updateOrder } from '../persistence/orders.repository.ts';
import { type StorageGate, writeWhenSpace } from '../persistence/storage-health.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { SubmitResult, Venue, VenueEvent, VenueFill } from '../venues/venue.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';
import { botAccountId } from '../persistence/bots.repository.ts';
import type { EntryChecks } from '../risk/entry-checks.ts';
import { closableOf } from './closable-qty.ts';
import { newClientOrderId } from './ids.ts';
import { OPEN_STATUSES } from './order-state.ts';
import { stopOrderProblem } from './stop-checks.ts';
import { floorToStep, roundPriceToTick } from './precision.ts';
import { applyOrderEvent, type OrderEventInput } from './order-events.ts';
import { applyFill, type FillInput, FLAT, type PositionState } from './position-math.ts';
import { snapshotEvents, submitEvents } from './venue-replies.ts';

export interface PlaceOrder {
  botId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  qty: number;
  price?: number | null;
  /** STOP and STOP_LIMIT only: the price that wakes the order. */
  triggerPrice?: number | null;
  /**
   * A caller that may repeat itself after a crash (alert recovery) passes a deterministic id:
   * an order already stored under it is returned instead of being placed again.
   */
  clientOrderId?: string;
  /** Who asks, shown in the order history; a bot's own strategy unless said otherwise. */
  source?: OrderSource;
  /** Refused (stored as REJECTED) unless it brings the position, as committed when it is written, towards flat. */
  reduceOnly?: boolean;
}

/** The account's say on an order (balances, reservations); called inside the order's transactions. */
export interface OrderGate {
  /** Before the venue hears of the order: a refusal reason, or null to go ahead. */
  admit(trx: Kysely<Database>, order: Order): Promise<string | null>;
  /** For every new (non-duplicate) fill. */
  applyFill(trx: Kysely<Database>, order: Order, fill: VenueFill): Promise<void>;
}

const positionKey = (botId: string, symbol: string) => `${botId}\u0000${symbol}`;

export interface PositionEntry {
  botId: string;
  symbol: string;
  state: PositionState;
}

const CANCELABLE = new Set(['PENDING_SUBMIT', 'ACCEPTED', 'PARTIALLY_FILLED']);

/**
 * The one path every order takes. An order is written as PENDING_SUBMIT before the venue hears of
 * it, and from then on changes only by applying an event (the venue's replies, its fill reports,
 * our cancel request) to the order as stored, in a transaction, with the event appended to the
 * order's history; a fill commits with its position and closed trade. Positions are cached in
 * memory (loaded at start) so strategies read them for free.
 */
export class OrderManager {
  readonly #positions = new Map<string, PositionEntry>();
  readonly #orderListeners: ((order: Order) => void)[] = [];
  readonly #db: Kysely<Database>;
  readonly #venues: VenueRegistry;
  readonly #bus: EventBus;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #gate: OrderGate | undefined;
  readonly #storage: StorageGate | undefined;
  /** Why an account takes no orders now (its reconciliation has not finished), or null. */
  readonly #blockedAccount: ((accountId: string, reduceOnly: boolean) => string | null) | undefined;
  /** The risk rules an order that is not reduce-only passes: a reduce-only order is never blocked by entry limits. */
  readonly #entryChecks: EntryChecks | undefined;
  /** Orders whose cancel request is with the venue, not answered yet. */
  readonly #cancelsOnTheirWay = new Set<string>();
  /** Asked before every reduce-only order to take back what holds the position at the exchange (its held stop); see useBeforeReduce. */
  #beforeReduce: ((request: PlaceOrder) => Promise<() => void>) | undefined;
  /** The last price per symbol, to refuse a stop whose trigger is already passed; unset, the venue judges. */
  #lastPrice: ((symbol: string) => number | null) | undefined;
  /** Venue reports are applied one at a time, in the order they arrived. */
  #venueEvents: Promise<void> = Promise.resolve();

  constructor(deps: { db: Kysely<Database>; venues: VenueRegistry; bus: EventBus; clock: Clock; logger: Logger; gate?: OrderGate; storage?: StorageGate; blockedAccount?: (accountId: string, reduceOnly: boolean) => string | null; entryChecks?: EntryChecks }) {
    this.#db = deps.db;
    this.#venues = deps.venues;
    this.#bus = deps.bus;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#gate = deps.gate;
    this.#storage = deps.storage;
    this.#blockedAccount = deps.blockedAccount;
    this.#entryChecks = deps.entryChecks;
    this.#venues.onEvent((accountId, event) => {
      this.#venueEvents = this.#venueEvents.then(() => this.#onVenueEvent(accountId, event));
    });
  }

  /** Where stop orders' triggers are checked against the market (wired after the market opens). */
  useLastPrice(lastPrice: (symbol: string) => number | null): void {
    this.#lastPrice = lastPrice;
  }

  /**
   * `hook` runs before a reduce-only order is written and may cancel orders that would otherwise
   * take the same holding (a stop held at the exchange, risk/exchange-stops/); the function it
   * resolves to is called once the order is placed (or failed). Its failure leaves the order to
   * the reduce-only check: it is then refused if the holding is taken.
   */
  useBeforeReduce(hook: (request: PlaceOrder) => Promise<() => void>): void {
    this.#beforeReduce = hook;
  }

  async loadPositions(): Promise<void> {
    for (const { botId, symbol, updatedAt: _updated, ...state } of await loadPositions(this.#db)) {
      this.#positions.set(positionKey(botId, symbol), { botId, symbol, state });
    }
  }

  position(botId: string, symbol: string): PositionState {
    return this.#positions.get(positionKey(botId, symbol))?.state ?? FLAT;
  }

  /** Called with every order whose new state was just committed. */
  onOrderUpdate(listener: (order: Order) => void): void {
    this.#orderListeners.push(listener);
  }

  positionEntries(): PositionEntry[] {
    return [...this.#positions.values()];
  }

  /** Resolves once every venue report received so far has been applied. */
  settled(): Promise<void> {
    return this.#venueEvents;
  }

  async place(request: PlaceOrder): Promise<Order> {
    if (request.clientOrderId) {
      const existing = await findOrder(this.#db, request.clientOrderId);
      if (existing) return existing;
    }
    // Trading is paused on a full disk: no order starts before its rows can be written.
    this.#storage?.assertWritable();
    // An order not flagged reduce-only that only closes part of the position (an alert's close) is
    // a close too: a stop held at the exchange steps aside for it, or both could sell the same coins.
    const closes = request.reduceOnly === true || this.#onlyCloses(request);
    const release = closes && this.#beforeReduce ? await this.#beforeReduce(request).catch((error: unknown) => this.#beforeReduceFailed(error)) : undefined;
    try {
      return await this.#placeNow(request);
    } finally {
      release?.();
    }
  }

  #onlyCloses({ botId, symbol, side, qty }: PlaceOrder): boolean {
    const held = this.position(botId, symbol).netQty;
    return held !== 0 && (side === 'SELL') === held > 0 && qty <= Math.abs(held);
  }

  #beforeReduceFailed(error: unknown): undefined {
    this.#logger.error('Could not take back the held stop before a reduce-only order; the order is checked as it is', { error });
    return undefined;
  }

  async #placeNow(request: PlaceOrder): Promise<Order> {
    const accountId = await botAccountId(this.#db, request.botId);
    if (accountId === undefined) throw new Error(`Bot ${request.botId} is not stored`);
    const venue = this.#venues.get(accountId);
    const order = this.#newOrder(request, accountId, venue);
    const submit = (to: Venue) =>
      to.submit({ clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, type: order.type, qty: order.qty, price: order.price, ...(order.triggerPrice === null ? {} : { triggerPrice: order.triggerPrice }), ...(request.reduceOnly ? { reduceOnly: true } : {}) });

    if (venue?.inProcess) {
      // Nothing leaves the process, so the write-ahead row and the outcome commit together:
      // after a crash there is neither, at the venue or here.
      const placed = await this.#inTransaction(async (trx) => {
        const refusal = await this.#writeAhead(trx, order, request.reduceOnly, venue);
        if (refusal) return refusal;
        return this.#applyAll(trx, order.clientOrderId, submitEvents(await submit(venue)));
      }).catch(async (error: unknown) => {
        // Not committed (a full disk, say): the venue must forget the order too, or a resting
        // limit order would fill with no row to book it on.
        await venue.cancel(order).catch(() => undefined);
        throw error;
      });
      this.#announce(placed);
      return placed;
    }

    const written = await this.#inTransaction(async (trx) => (await this.#writeAhead(trx, order, request.reduceOnly, venue)) ?? order);
    this.#announce(written);
    if (written.status !== 'PENDING_SUBMIT' || !venue) return written; // refused before the venue heard of it
    let result: SubmitResult;
    try {
      result = await submit(venue);
    } catch (error) {
      // Outcome unknown: the order keeps its status until a venue report or a reconciliation.
      this.#logger.error('Venue did not confirm an order', { clientOrderId: order.clientOrderId, error });
      return (await findOrder(this.#db, order.clientOrderId)) ?? order;
    }
    const placed = await this.#applyAndAnnounce(order.clientOrderId, submitEvents(result));
    // A cancel asked while the submit was on its way may have reached the exchange first and found
    // nothing there: now that the order is there, it is asked again (a second cancel changes nothing).
    const current = this.#venues.get(placed.venue); // the account's venue now (it may have been reopened meanwhile)
    if (placed.status === 'PENDING_CANCEL' && current && !this.#cancelsOnTheirWay.has(placed.clientOrderId)) {
      void this.#sendCancel(placed, current).catch((error: unknown) => this.#logger.error('Could not cancel an order again after its acceptance', { clientOrderId: placed.clientOrderId, error }));
    }
    return placed;
  }

  async cancel(clientOrderId: string): Promise<Result<Order>> {
    const requested = await this.#inTransaction(async (trx): Promise<Result<{ order: Order; venue: Venue }>> => {
      const order = await findOrder(trx, clientOrderId);
      if (!order) return fail('NOT_FOUND', `No order ${clientOrderId}`);
      if (!CANCELABLE.has(order.status)) return fail('CONFLICT', `The order is ${order.status}; only an open order can be canceled`);
      const venue = this.#venues.get(order.venue);
      if (!venue) return fail('UNAVAILABLE', notConnected(order.venue));
      return ok({ order: await this.#apply(trx, order, { kind: 'cancel_requested' }), venue });
    });
    if (!requested.ok) return requested;
    const { order: pending, venue } = requested.value;
    this.#announce(pending);
    return this.#sendCancel(pending, venue);
  }

  async #sendCancel(pending: Order, venue: Venue): Promise<Result<Order>> {
    const { clientOrderId } = pending;
    let reply;
    this.#cancelsOnTheirWay.add(clientOrderId);
    try {
      reply = await venue.cancel(pending);
    } catch (error) {
      this.#logger.error('Venue did not confirm a cancel', { clientOrderId, error });
      return ok(pending); // PENDING_CANCEL until the venue's report or a reconciliation
    } finally {
      this.#cancelsOnTheirWay.delete(clientOrderId);
    }
    const event: OrderEventInput = reply.ok ? { kind: 'canceled', reason: null } : { kind: 'cancel_rejected', reason: reply.error.message };
    const after = await this.#applyAndAnnounce(clientOrderId, [event]);
    if (after.status === 'CANCELED' || after.status === 'PENDING_CANCEL') return ok(after);
    const why = after.status === 'FILLED' ? 'it was filled first' : reply.ok ? `it is ${after.status}` : reply.error.message;
    return fail('CONFLICT', `The venue did not cancel the order: ${why}`);
  }

  /** Asks the venue what became of an order (after a lost reply or a restart) and applies its answer. */
  async reconcile(clientOrderId: string): Promise<Result<Order>> {
    const order = await findOrder(this.#db, clientOrderId);
    if (!order) return fail('NOT_FOUND', `No order ${clientOrderId}`);
    const venue = this.#venues.get(order.venue);
    if (!venue) return fail('UNAVAILABLE', notConnected(order.venue));
    const snapshot = await venue.fetchOrder(order);
    return ok(await this.#applyAndAnnounce(clientOrderId, snapshotEvents(order, snapshot)));
  }

  /**
   * Closes positions no order can close (a remainder under the venue's step or minimum order
   * value) at the last price, without an order: the trip ends with a trade marked by that price.
   * Only the account reset does this, when the trader starts over.
   */
  async writeOffDust(positions: readonly { botId: string; symbol: string }[], lastPrice: (symbol: string) => number | null): Promise<void> {
    for (const { botId, symbol } of positions) {
      const held = this.position(botId, symbol).netQty;
      const px = lastPrice(symbol);
      if (held === 0 || px === null) continue;
      await this.#inTransaction(async (trx) => {
        const writeOff = { side: held > 0 ? ('SELL' as const) : ('BUY' as const), qty: Math.abs(held), px, fee: 0, ts: this.#clock.now() };
        await this.#bookPosition(trx, await this.#adjustedPlace(trx, botId, symbol), writeOff);
        await appendAudit(trx, writeOff.ts, { action: 'position.write_off', entity: 'position', entityId: `${botId}:${symbol}`, detail: { qty: held, px } });
      });
      this.#bus.emit('change', { topic: 'positions', botId });
      this.#bus.emit('change', { topic: 'trades', botId });
    }
  }

  /**
   * Takes into the ledger an order the venue holds under our id prefix that has no row here (the
   * trader's decision after a reconciliation): its first history entry says why, then `events`
   * (the venue's view of it) apply as for any order. An order already stored is returned as it is.
   */
  async adopt(order: Order, why: string, events: readonly OrderEventInput[]): Promise<Order> {
    const adopted = await this.#inTransaction(async (trx) => {
      const existing = await findOrder(trx, order.clientOrderId);
      if (existing) return existing;
      await insertOrder(trx, order);
      await appendOrderEvent(trx, { clientOrderId: order.clientOrderId, kind: 'submitted', applied: true, statusAfter: order.status, detail: why, tsEvent: order.tsInit, tsInit: this.#clock.now() });
      return this.#applyAll(trx, order.clientOrderId, events);
    });
    this.#announce(adopted);
    return adopted;
  }

  /**
   * Moves a bot's position by `delta` (signed) at `px` without an order, audited with `why`: the
   * trader's decision when a reconciliation found the venue holding another amount than the ledger.
   */
  async adjustPosition(botId: string, symbol: string, delta: number, px: number, why: string): Promise<void> {
    if (!Number.isFinite(delta) || delta === 0 || !Number.isFinite(px) || px <= 0) throw new Error(`Bad position adjustment ${delta} @ ${px}`);
    await this.#inTransaction(async (trx) => {
      const ts = this.#clock.now();
      await this.#bookPosition(trx, await this.#adjustedPlace(trx, botId, symbol), { side: delta > 0 ? 'BUY' : 'SELL', qty: Math.abs(delta), px, fee: 0, ts });
      await appendAudit(trx, ts, { action: 'position.adjust', entity: 'position', entityId: `${botId}:${symbol}`, detail: { delta, px, why } });
    });
    this.#bus.emit('change', { topic: 'positions', botId });
    this.#bus.emit('change', { topic: 'trades', botId });
  }

  /** Applies one event to a stored order (restart reconciliation, tests). */
  recordEvent(clientOrderId: string, event: OrderEventInput): Promise<Order> {
    return this.#applyAndAnnounce(clientOrderId, [event]);
  }

  /**
   * The order as it will be sent: quantity down to the step and price to the tick, so the stored
   * order is what the venue fills (an off-step 1.23456 would fill 1.2345 and stay partly filled for
   * ever). A quantity under one step is kept as asked, for the venue to refuse with its reason.
   */
  #newOrder(request: PlaceOrder, accountId: string, venue: Venue | undefined): Order {
    const now = this.#clock.now();
    const instrument = venue?.instruments().find((i) => i.symbol === request.symbol);
    const { qty, price, triggerPrice } = instrument ? onGrid(request, instrument) : { qty: request.qty, price: request.price ?? null, triggerPrice: request.triggerPrice ?? null };
    return {
      clientOrderId: request.clientOrderId ?? newClientOrderId(),
      venueOrderId: null,
      botId: request.botId,
      venue: accountId,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      qty,
      price,
      triggerPrice,
      status: 'PENDING_SUBMIT',
      source: request.source ?? 'strategy',
      filledQty: 0,
      avgFillPx: null,
      rejectReason: null,
      tsInit: now,
      tsEvent: now,
    };
  }

  /** The order's first row and event; returns the rejected order when the account refuses it. */
  async #writeAhead(trx: Kysely<Database>, order: Order, reduceOnly: boolean | undefined, venue: Venue | undefined): Promise<Order | null> {
    await insertOrder(trx, order);
    await appendOrderEvent(trx, { clientOrderId: order.clientOrderId, kind: 'submitted', applied: true, statusAfter: order.status, detail: describe(order), tsEvent: order.tsInit, tsInit: order.tsInit });
    // Transactions run one at a time and fills update the position cache inside theirs, so this
    // sees every fill committed before: two closes racing cannot both sell the same holding.
    // An order not flagged reduce-only (an alert's close, a manual sell) that only reduces what no
    // other close takes is no entry either: no entry rule or block holds a way out of a position.
    const reduceRefusal = await this.#reduceOnlyRefusal(trx, order);
    const reduces = reduceOnly === true || reduceRefusal === null;
    const refusal =
      (venue ? null : notConnected(order.venue)) ??
      stopOrderProblem(order, this.#lastPrice?.(order.symbol) ?? null) ??
      this.#blockedAccount?.(order.venue, reduces) ??
      (reduces ? reduceRefusal : ((await this.#entryChecks?.refusal(trx, order)) ?? null)) ??
      (await this.#gate?.admit(trx, order));
    return refusal ? this.#apply(trx, order, { kind: 'rejected', reason: refusal }) : null;
  }

  /** Reduce-only: the order may take only what the position holds beyond the closes already at the venue. */
  async #reduceOnlyRefusal(trx: Kysely<Database>, order: Order): Promise<string | null> {
    const held = this.position(order.botId, order.symbol).netQty;
    const others = (await ordersOfBot(trx, order.botId, OPEN_STATUSES, order.symbol)).filter((o) => o.clientOrderId !== order.clientOrderId);
    const { free, inFlight } = closableOf(held, others);
    const reduces = order.side === 'SELL' ? held > 0 : held < 0;
    if (reduces && order.qty <= free) return null;
    if (held === 0) return `Reduce-only: the ${order.symbol} position is already flat`;
    if (!reduces) return `Reduce-only: the ${order.symbol} position is ${held}, so ${order.side} ${order.qty} would not reduce it`;
    return `Reduce-only: ${order.side} ${order.qty} ${order.symbol} is more than the ${free} left to close (${inFlight} is already being closed by orders at the venue)`;
  }

  async #onVenueEvent(accountId: string, event: VenueEvent): Promise<void> {
    if (event.kind === 'connection') return; // the reconciler's business, not an order's
    const clientOrderId = event.kind === 'filled' ? event.fill.clientOrderId : event.clientOrderId;
    try {
      const order = await findOrder(this.#db, clientOrderId);
      if (order?.venue !== accountId) {
        this.#logger.warn('The venue reported an order StoxRobot did not place on that account; ignored', { accountId, clientOrderId, kind: event.kind });
        return;
      }
      const input: OrderEventInput =
        event.kind === 'filled' ? event : event.kind === 'canceled' ? { kind: 'canceled', reason: event.reason } : event.kind === 'triggered' ? { kind: 'triggered', px: event.px } : { kind: 'expired' };
      await this.#applyAndAnnounce(clientOrderId, [input]);
    } catch (error) {
      this.#logger.error('Could not record a venue report', { clientOrderId, kind: event.kind, error });
    }
  }

  /** What the venue said has happened: on a full disk it is held in memory and written once space returns, never dropped. */
  async #applyAndAnnounce(clientOrderId: string, events: readonly OrderEventInput[]): Promise<Order> {
    const held = (error: unknown) =>
      this.#logger.error('The disk is full: a venue report is held in memory until it can be written', { clientOrderId, events: events.map((e) => e.kind).join(','), error });
    const order = await writeWhenSpace(this.#storage, () => this.#inTransaction((trx) => this.#applyAll(trx, clientOrderId, events)), held);
    this.#announce(order);
    return order;
  }

  async #applyAll(trx: Kysely<Database>, clientOrderId: string, events: readonly OrderEventInput[]): Promise<Order> {
    // Read inside the transaction: whatever was committed before (an early fill, say) is the base.
    let order = await findOrder(trx, clientOrderId);
    if (!order) throw new Error(`Order ${clientOrderId} is not stored`);
    for (const event of events) order = await this.#apply(trx, order, event);
    return order;
  }

  /** Applies one event to the stored order: the row (if changed), the history and, for a fill, the ledger. */
  async #apply(trx: Kysely<Database>, order: Order, event: OrderEventInput): Promise<Order> {
    const now = this.#clock.now();
    if (event.kind === 'filled') {
      const { fill } = event;
      const row = { venue: order.venue, fillId: fill.fillId, clientOrderId: order.clientOrderId, botId: order.botId, symbol: order.symbol, side: order.side, lastQty: fill.qty, lastPx: fill.px, fee: fill.fee, tsEvent: fill.ts };
      if (!(await insertFillOnce(trx, row, now))) {
        await appendOrderEvent(trx, { clientOrderId: order.clientOrderId, kind: 'filled', applied: false, statusAfter: order.status, detail: `Fill ${fill.fillId} reported again; counted once`, tsEvent: fill.ts, tsInit: now });
        return order;
      }
    }
    const outcome = applyOrderEvent(order, event, event.kind === 'filled' ? event.fill.ts : now);
    await appendOrderEvent(trx, { clientOrderId: order.clientOrderId, kind: event.kind, applied: outcome.applied, statusAfter: outcome.order.status, detail: outcome.detail, tsEvent: outcome.order.tsEvent, tsInit: now });
    if (outcome.order !== order) {
      const { status, venueOrderId, filledQty, avgFillPx, rejectReason, tsEvent } = outcome.order;
      await updateOrder(trx, order.clientOrderId, { status, venueOrderId, filledQty, avgFillPx, rejectReason, tsEvent });
    }
    if (event.kind === 'filled') await this.#book(trx, outcome.order, event.fill, order.filledQty === 0);
    return outcome.order;
  }

  /** A new fill moves the bot's position (and closes a trade when it reaches flat) and the account. */
  async #book(trx: Kysely<Database>, order: Order, fill: VenueFill, firstOfOrder: boolean): Promise<void> {
    const place = { botId: order.botId, symbol: order.symbol, accountId: order.venue, exitOrderId: order.clientOrderId };
    await this.#bookPosition(trx, place, { side: order.side, qty: fill.qty, px: fill.px, fee: fill.fee, ts: fill.ts, orderId: order.clientOrderId }, firstOfOrder);
    await this.#gate?.applyFill(trx, order, fill);
  }

  /** `firstOfOrder`: the fill starts its order, so an entry counts once however many fills it takes. */
  async #bookPosition(trx: Kysely<Database>, place: TripPlace, fill: FillInput, firstOfOrder = true): Promise<void> {
    const { botId, symbol } = place;
    const { next, closed } = applyFill(this.position(botId, symbol), fill, firstOfOrder);
    await savePosition(trx, botId, symbol, next, fill.ts);
    if (closed) await insertTrade(trx, place, closed);
    this.#positions.set(positionKey(botId, symbol), { botId, symbol, state: next });
  }

  /** A position moved by the trader without an order: on the bot's account, closed by no order. */
  async #adjustedPlace(trx: Kysely<Database>, botId: string, symbol: string): Promise<TripPlace> {
    const accountId = await botAccountId(trx, botId);
    if (accountId === undefined) throw new Error(`Bot ${botId} is not stored`);
    return { botId, symbol, accountId, exitOrderId: null };
  }

  /**
   * Transactions run one at a time on SQLite's single connection, so the position cache is
   * updated inside them; if the commit itself fails, the cache is reloaded from the database.
   */
  async #inTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await this.#db.transaction().execute(work);
    } catch (error) {
      this.#positions.clear();
      await this.loadPositions();
      throw error;
    }
  }

  #announce(order: Order): void {
    this.#bus.emit('change', { topic: 'orders', botId: order.botId });
    if (order.filledQty > 0) {
      this.#bus.emit('change', { topic: 'fills', botId: order.botId });
      this.#bus.emit('change', { topic: 'positions', botId: order.botId });
      this.#bus.emit('change', { topic: 'trades', botId: order.botId });
    }
    for (const listener of this.#orderListeners) {
      try {
        listener(order);
      } catch (error) {
        this.#logger.error('An order listener failed', { clientOrderId: order.clientOrderId, error });
      }
    }
  }
}

/** Quantity and price on the instrument's grid; what would round to nothing is left for the venue to refuse. */
function onGrid(request: PlaceOrder, instrument: Instrument): { qty: number; price: number | null; triggerPrice: number | null } {
  const usable = (n: number) => Number.isFinite(n) && n > 0;
  const qty = usable(request.qty) ? floorToStep(request.qty, instrument.stepSize) : 0;
  const onTick = (asked: number | null | undefined) => {
    const rounded = asked != null && usable(asked) ? roundPriceToTick(asked, instrument) : 0;
    return rounded > 0 ? rounded : (asked ?? null);
  };
  return { qty: qty > 0 ? qty : request.qty, price: onTick(request.price), triggerPrice: onTick(request.triggerPrice) };
}

const notConnected = (accountId: string) => `Account ${accountId} is not connected, so its venue cannot take orders`;

const describe = (order: Order) =>
  `${order.side} ${order.qty} ${order.symbol} ${order.type}${order.triggerPrice === null ? '' : ` (trigger ${order.triggerPrice})`}${order.price === null ? '' : ` @ ${order.price}`}`;
