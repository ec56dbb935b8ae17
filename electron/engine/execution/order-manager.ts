import type { Kysely } from 'kysely';
import type { AccountGate } from '../accounts/account-gate.ts';
import type { Order, OrderSide, OrderStatus, OrderType } from '../../../shared/domain/order.ts';
import type { EventBus } from '../event-bus.ts';
import type { Database } from '../persistence/database.ts';
import { insertFillOnce, insertTrade, loadPositions, savePosition } from '../persistence/ledger.repository.ts';
import { findOrder, insertOrder, updateOrder } from '../persistence/orders.repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { SubmitResult, Venue, VenueFill } from '../venues/venue.ts';
import { newClientOrderId } from './ids.ts';
import { canTransition, transition } from './order-state.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { applyFill, FLAT, type PositionState } from './position-math.ts';
import { roundTo } from './precision.ts';

export interface PlaceOrder {
  botId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  qty: number;
  price?: number | null;
  /**
   * A caller that may repeat itself after a crash (alert recovery) passes a deterministic id:
   * an order already stored under it is returned instead of being placed again.
   */
  clientOrderId?: string;
}

const positionKey = (botId: string, symbol: string) => `${botId}\u0000${symbol}`;

export interface PositionEntry {
  botId: string;
  symbol: string;
  state: PositionState;
}

/**
 * The one path every order takes: written as PENDING_SUBMIT before the venue hears of it, then
 * moved through the transition table, with its fills, position and closed trade committed in one
 * transaction. Positions are cached in memory (loaded at start) so strategies read them for free.
 */
export class OrderManager {
  readonly #positions = new Map<string, PositionEntry>();
  readonly #db: Kysely<Database>;
  readonly #venue: Venue;
  readonly #bus: EventBus;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #gate: AccountGate | undefined;

  constructor(deps: { db: Kysely<Database>; venue: Venue; bus: EventBus; clock: Clock; logger: Logger; gate?: AccountGate }) {
    this.#db = deps.db;
    this.#venue = deps.venue;
    this.#bus = deps.bus;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#gate = deps.gate;
    this.#venue.onFill((fill) => {
      this.applyLateFill(fill).catch((error) => this.#logger.error('Could not record a fill', { clientOrderId: fill.clientOrderId, error: String(error) }));
    });
  }

  async loadPositions(): Promise<void> {
    for (const { botId, symbol, updatedAt: _updated, ...state } of await loadPositions(this.#db)) {
      this.#positions.set(positionKey(botId, symbol), { botId, symbol, state });
    }
  }

  position(botId: string, symbol: string): PositionState {
    return this.#positions.get(positionKey(botId, symbol))?.state ?? FLAT;
  }

  positionEntries(): PositionEntry[] {
    return [...this.#positions.values()];
  }

  async place(request: PlaceOrder): Promise<Order> {
    if (request.clientOrderId) {
      const existing = await findOrder(this.#db, request.clientOrderId);
      if (existing) return existing;
    }
    const now = this.#clock.now();
    const order: Order = {
      clientOrderId: request.clientOrderId ?? newClientOrderId(),
      venueOrderId: null,
      botId: request.botId,
      venue: this.#venue.id,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      qty: request.qty,
      price: request.price ?? null,
      status: 'PENDING_SUBMIT',
      filledQty: 0,
      avgFillPx: null,
      rejectReason: null,
      tsInit: now,
      tsEvent: now,
    };
    const submit = () => this.#venue.submit({ clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, type: order.type, qty: order.qty, price: order.price });

    if (this.#venue.inProcess) {
      // Nothing leaves the process, so the write-ahead row and the outcome commit together:
      // after a crash there is neither, at the venue or here.
      const updated = await this.#inTransaction(async (trx) => {
        await insertOrder(trx, order);
        return (await this.#refuse(trx, order)) ?? this.#applySubmitResult(trx, order, await submit());
      });
      this.#announce(updated);
      return updated;
    }

    // Committed before the request leaves the machine.
    const refused = await this.#inTransaction(async (trx) => {
      await insertOrder(trx, order);
      return this.#refuse(trx, order);
    });
    if (refused) {
      this.#announce(refused);
      return refused;
    }
    let result: SubmitResult;
    try {
      result = await submit();
    } catch (error) {
      // Outcome unknown: the order stays PENDING_SUBMIT and is reconciled by its clientOrderId.
      this.#logger.error('Venue did not confirm an order', { clientOrderId: order.clientOrderId, error: String(error) });
      this.#bus.emit('change', { topic: 'orders', botId: order.botId });
      return order;
    }
    const updated = await this.#inTransaction((trx) => this.#applySubmitResult(trx, order, result));
    this.#announce(updated);
    return updated;
  }

  async cancel(clientOrderId: string): Promise<Result<Order>> {
    const order = await findOrder(this.#db, clientOrderId);
    if (!order) return fail('NOT_FOUND', `No order ${clientOrderId}`);
    if (!canTransition(order.status, 'CANCELED') || order.status === 'PENDING_SUBMIT') {
      return fail('CONFLICT', `The order is ${order.status}; only an open order can be canceled`);
    }
    const outcome = await this.#venue.cancel(clientOrderId);
    if (!outcome.canceled) return fail('CONFLICT', `The venue did not cancel the order: ${outcome.reason ?? 'no reason given'}`);
    const updated = await this.#inTransaction((trx) => this.#saveOrder(trx, order, transition(order, 'CANCELED', {}, this.#clock.now())));
    this.#announce(updated);
    return ok(updated);
  }

  async applyLateFill(fill: VenueFill): Promise<void> {
    const updated = await this.#inTransaction(async (trx) => {
      const order = await findOrder(trx, fill.clientOrderId);
      if (!order) throw new Error(`Fill for unknown order ${fill.clientOrderId}`);
      return this.#saveOrder(trx, order, await this.#recordFill(trx, order, fill));
    });
    this.#announce(updated);
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

  /** The order REJECTED with the account's reason when it cannot pay for it; null to go ahead. */
  async #refuse(trx: Kysely<Database>, order: Order): Promise<Order | null> {
    const reason = await this.#gate?.admit(trx, order);
    return reason ? this.#saveOrder(trx, order, transition(order, 'REJECTED', { rejectReason: reason }, this.#clock.now())) : null;
  }

  async #applySubmitResult(db: Kysely<Database>, order: Order, result: SubmitResult): Promise<Order> {
    const now = this.#clock.now();
    if (result.status === 'rejected') return this.#saveOrder(db, order, transition(order, 'REJECTED', { rejectReason: result.reason }, now));
    let current = transition(order, 'ACCEPTED', { venueOrderId: result.venueOrderId }, now);
    for (const fill of result.fills) current = await this.#recordFill(db, current, fill);
    return this.#saveOrder(db, order, current);
  }

  /** One write of the order row, however many transitions it went through in memory. */
  async #saveOrder(db: Kysely<Database>, before: Order, after: Order): Promise<Order> {
    if (after !== before) {
      const { status, venueOrderId, filledQty, avgFillPx, rejectReason, tsEvent } = after;
      await updateOrder(db, after.clientOrderId, { status, venueOrderId, filledQty, avgFillPx, rejectReason, tsEvent });
    }
    return after;
  }

  /** Applies a fill once: a fill id already stored (a replay) changes nothing. */
  async #recordFill(db: Kysely<Database>, order: Order, fill: VenueFill): Promise<Order> {
    const fillRow = { fillId: fill.fillId, clientOrderId: order.clientOrderId, botId: order.botId, symbol: order.symbol, side: order.side, lastQty: fill.qty, lastPx: fill.px, fee: fill.fee, tsEvent: fill.ts };
    if (!(await insertFillOnce(db, fillRow, this.#clock.now()))) return order;
    await this.#gate?.applyFill(db, order, fill);
    const filledQty = roundTo(order.filledQty + fill.qty, 10);
    const avgFillPx = roundTo(((order.avgFillPx ?? 0) * order.filledQty + fill.px * fill.qty) / filledQty, 10);
    const status: OrderStatus = filledQty >= order.qty - 1e-12 ? 'FILLED' : 'PARTIALLY_FILLED';
    const { next, closed } = applyFill(this.position(order.botId, order.symbol), { side: order.side, qty: fill.qty, px: fill.px, fee: fill.fee, ts: fill.ts });
    await savePosition(db, order.botId, order.symbol, next, fill.ts);
    if (closed) await insertTrade(db, order.botId, order.symbol, closed);
    this.#positions.set(positionKey(order.botId, order.symbol), { botId: order.botId, symbol: order.symbol, state: next });
    return transition(order, status, { filledQty, avgFillPx }, this.#clock.now());
  }

  #announce(order: Order): void {
    this.#bus.emit('change', { topic: 'orders', botId: order.botId });
    if (order.filledQty > 0) {
      this.#bus.emit('change', { topic: 'fills', botId: order.botId });
      this.#bus.emit('change', { topic: 'positions', botId: order.botId });
      this.#bus.emit('change', { topic: 'trades', botId: order.botId });
    }
  }
}
