import type { Kysely } from 'kysely';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Order } from '../../../shared/domain/order.ts';
import type { EventBus } from '../event-bus.ts';
import { newClientOrderId } from '../execution/ids.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import { isTerminal } from '../execution/order-state.ts';
import type { Database, ProtectionsTable } from '../persistence/database.ts';
import { findOrder } from '../persistence/orders.repository.ts';
import type { PositionExits } from '../../../shared/domain/bot-exits.ts';
import { type ArmHost, armPosition } from './exits/arm-position.ts';
import { advance, type ExitPlan, shownExits } from './exits/exit-plan.ts';
import { reached, sizeClose } from './exits/exit-fire.ts';
import { deleteProtection, loadProtections, saveProtection } from '../persistence/protections.repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { StorageGate } from '../persistence/storage-health.ts';
import { alreadyClosing, closable } from './closable.ts';
import type { EntryLevels, Levels } from './entry-levels.ts';
import { orderSizeProblem } from './order-size.ts';

export type { Levels } from './entry-levels.ts';

/** What a position shows of its protection: the levels, and why the last close failed, if it did. */
export interface Guard extends Levels {
  closeError: string | null;
  /** The bot's exits held for this position (take-profit ladder, trailing, break-even), if it has any. */
  exits?: PositionExits;
}

type Stored = Omit<ProtectionsTable, 'botId' | 'symbol' | 'exitPlanJson'>;
/**
 * `side`: the side of the position the levels protect (0: none). They end with it: a close or a flip drops them.
 * `stopLoss` is always the stop in force: the trailing stop and the break-even move only tighten it.
 */
export type State = Stored & { side: -1 | 0 | 1; plan: ExitPlan | null };

interface ProtectionsDeps {
  db: Kysely<Database>;
  orders: OrderManager;
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  instruments: readonly Instrument[];
  storage?: StorageGate;
  onHit?: (botId: string, symbol: string, hit: string, px: number) => void;
  /** The ATR of a bot's timeframe now (null while it warms up), for exits given as ATR multiples. */
  atr?: (botId: string) => number | null;
  /** Taker fee rate: the break-even stop sits beyond the entry by a round trip's fees. */
  feeRate?: number;
}

const sideOf = (qty: number): -1 | 0 | 1 => (qty > 0 ? 1 : qty < 0 ? -1 : 0);

/**
 * A failed close is tried again at most once a minute (engine clock): the level is still beyond
 * the price on every tick, and firing on each would fill the orders table with rejections. A
 * minute heals what can heal (no price yet, venue busy) without an order storm; a dust remainder
 * is not sent at all, since no order can close it.
 */
export const CLOSE_RETRY_MS = 60_000;

/**
 * Stop-loss and take-profit levels attached to positions, watched on every tick (intrabar). A level
 * that fires places one closing order, named in the stored row before it is placed, and stays until
 * that order is filled: a rejected close leaves the levels and the reason on the position. Levels
 * belong to one position: any fill that closes it or flips it to the other side drops them, so a
 * long's stop-loss never closes the short that follows it.
 */
export class Protections {
  readonly #bySymbol = new Map<string, Map<string, State>>();
  /** Closing orders in flight, by clientOrderId. */
  readonly #closing = new Map<string, { botId: string; symbol: string }>();
  /** Levels waiting for their entry to fill, by the entry's order ids (a resting limit entry). */
  readonly #pending = new Map<string, EntryLevels>();
  readonly #deps: ProtectionsDeps;
  readonly #instruments: Map<string, Instrument>;
  /** Writes go one after the other, so a later state is never overwritten by an earlier one. */
  #writes: Promise<unknown> = Promise.resolve();
  /** Positions being armed (the bot's exits are read from storage after the fill). */
  readonly #arming = new Set<Promise<void>>();

  constructor(deps: ProtectionsDeps) {
    this.#deps = deps;
    this.#instruments = new Map(deps.instruments.map((i) => [i.symbol, i]));
    deps.orders.onOrderUpdate((order) => this.#onOrder(order));
  }

  /** Loads the levels; a close that was in flight at the stop is settled from its stored order. */
  async load(): Promise<void> {
    for (const { botId, symbol, exitPlanJson, ...stored } of await loadProtections(this.#deps.db)) {
      const plan = exitPlanJson === null ? null : (JSON.parse(exitPlanJson) as ExitPlan);
      const state: State = { ...stored, plan, side: sideOf(this.#deps.orders.position(botId, symbol).netQty) };
      this.#statesOf(symbol).set(botId, state);
      if (state.closingOrderId === null) continue;
      const order = await findOrder(this.#deps.db, state.closingOrderId);
      // Named but never placed (the app stopped in between): the level may fire again.
      if (!order) {
        state.closingOrderId = null;
        if (state.plan) state.plan.closingTarget = null;
        continue;
      }
      this.#closing.set(order.clientOrderId, { botId, symbol });
      this.#onOrder(order);
    }
    await this.#writes;
  }

  get(botId: string, symbol: string): Guard | undefined {
    const state = this.#bySymbol.get(symbol)?.get(botId);
    return state && { stopLoss: state.stopLoss, takeProfit: state.takeProfit, closeError: state.closeError, ...(state.plan && { exits: shownExits(state.plan) }) };
  }

  /** New levels for the position held now; a close in flight is left to finish, and an old failure is forgotten. */
  async set(botId: string, symbol: string, levels: Levels, plan?: ExitPlan | null): Promise<void> {
    const states = this.#statesOf(symbol);
    const side = sideOf(this.#deps.orders.position(botId, symbol).netQty);
    const current = states.get(botId);
    // The bot's exits belong to the position they were armed on: kept only while it is still that side.
    const kept = plan !== undefined ? plan : current?.side === side ? (current.plan ?? null) : null;
    const state: State = { closingOrderId: null, ...current, ...levels, closeError: null, closeErrorAt: null, side, plan: kept };
    states.set(botId, state);
    await this.#save(botId, symbol, state);
    this.#changed(botId);
  }

  /**
   * Levels an alert gave for the position its orders open. Armed at once if those orders have
   * filled onto `entry.direction`; otherwise kept for the orders still open and armed by the fill
   * that puts the position on that side (a resting limit entry keeps its stop-loss). Percent
   * levels are worked out from the entry price when armed.
   */
  async protectEntry(entry: EntryLevels, orderIds: readonly string[]): Promise<void> {
    // Kept before the orders are read: a fill landing in between arms the levels through #onOrder.
    for (const id of orderIds) this.#pending.set(id, entry);
    let filled = false;
    for (const id of orderIds) {
      const order = await findOrder(this.#deps.db, id);
      filled ||= (order?.filledQty ?? 0) > 0;
      if (!order || isTerminal(order.status)) this.#pending.delete(id);
    }
    if (filled) await this.#arm(entry.botId, entry.symbol, entry.direction, entry);
  }

  /** Drops the levels of a position that is flat (or no longer the one they were set for). */
  async clear(botId: string, symbol: string): Promise<void> {
    const closing = this.#bySymbol.get(symbol)?.get(botId)?.closingOrderId;
    if (closing) this.#closing.delete(closing);
    if (!this.#bySymbol.get(symbol)?.delete(botId)) return;
    await this.#write(() => deleteProtection(this.#deps.db, botId, symbol));
    this.#changed(botId);
  }

  /** Checks the levels on `symbol` against a new price; returns a promise only when something was done. */
  onPrice(symbol: string, px: number): Promise<void> | undefined {
    const states = this.#bySymbol.get(symbol);
    // On a full disk no closing order could be written: the levels stay armed until space returns.
    if (!states || states.size === 0 || this.#deps.storage?.writable === false) return undefined;
    let work: Promise<void>[] | undefined;
    for (const [botId, state] of states) {
      if (state.closingOrderId !== null) continue;
      const held = this.#deps.orders.position(botId, symbol).netQty;
      if (held === 0 || sideOf(held) !== state.side) {
        (work ??= []).push(this.clear(botId, symbol));
        continue;
      }
      if (state.plan) {
        const stop = advance(state.plan, state.stopLoss, state.side === 1 ? 1 : -1, px, this.#instruments.get(symbol));
        // Written when the stop moves (the mark with it), not on every tick: a restart resumes from the last stop in force.
        if (stop !== state.stopLoss) {
          state.stopLoss = stop;
          (work ??= []).push(this.#save(botId, symbol, state).then(() => this.#changed(botId)));
        }
      }
      const hit = reached(state, held, px);
      if (!hit) {
        if (state.closeError !== null && state.closeErrorAt === null) (work ??= []).push(this.#waiting(botId, symbol, state, null));
        continue;
      }
      if (state.closeErrorAt !== null && this.#deps.clock.now() - state.closeErrorAt < CLOSE_RETRY_MS) continue;
      (work ??= []).push(this.#close(botId, symbol, state, px, hit.words, hit.target));
    }
    return work && Promise.all(work).then(() => undefined);
  }

  /**
   * Names the close synchronously, before the first await, so the next tick already sees it in
   * flight; then sizes it from what no other close at the venue takes already (reduce-only).
   */
  async #close(botId: string, symbol: string, state: State, px: number, hit: string, target: number | null): Promise<void> {
    const clientOrderId = newClientOrderId();
    state.closingOrderId = clientOrderId;
    if (state.plan) state.plan.closingTarget = target;
    this.#closing.set(clientOrderId, { botId, symbol });
    const { held, free, inFlight } = await closable(this.#deps.db, this.#deps.orders, botId, symbol);
    const instrument = this.#instruments.get(symbol);
    const qty = sizeClose(state.plan, target, held, free, px, instrument);
    const dust = qty > 0 && instrument ? orderSizeProblem(qty, px, instrument) : null;
    if (qty === 0 || dust) {
      this.#closing.delete(clientOrderId);
      if (state.closingOrderId !== clientOrderId) return;
      state.closingOrderId = null;
      if (state.plan) state.plan.closingTarget = null;
      // A close at the venue already takes it all: said on the position, and looked at again on the next tick.
      if (qty === 0) return held === 0 ? undefined : this.#waiting(botId, symbol, state, `The ${hit} was reached; ${alreadyClosing(inFlight, instrument?.base ?? symbol)}`);
      return this.#failed(botId, symbol, state, `The ${hit} was reached, but the position cannot be closed by an order: ${dust}`);
    }
    try {
      await this.#save(botId, symbol, state);
    } catch {
      // Not stored (a full disk, say; #write logged it): nothing was placed, so the level stays armed.
      this.#closing.delete(clientOrderId);
      state.closingOrderId = null;
      if (state.plan) state.plan.closingTarget = null;
      return;
    }
    this.#deps.logger.info(`Closing position: ${hit}`, { botId, symbol, clientOrderId });
    this.#deps.onHit?.(botId, symbol, hit, px);
    try {
      // Reduce-only: the order path checks again, inside the order's own transaction, that no close
      // placed since `closable` was read takes the same holding.
      await this.#deps.orders.place({ botId, symbol, side: held > 0 ? 'SELL' : 'BUY', type: 'MARKET', qty, clientOrderId, reduceOnly: true, source: 'protection' });
    } catch (error) {
      this.#deps.logger.error('Protective close could not be placed', { botId, symbol, error });
      if (state.closingOrderId !== clientOrderId) return;
      this.#closing.delete(clientOrderId);
      state.closingOrderId = null;
      if (state.plan) state.plan.closingTarget = null;
      await this.#failed(botId, symbol, state, 'The closing order could not be placed; it will be tried again');
    }
    await this.#writes;
  }

  /** Every order update: a closing order's outcome, the end of a position's levels, an entry's levels armed. */
  #onOrder(order: Order): void {
    this.#onClosingOrder(order);
    const state = this.#bySymbol.get(order.symbol)?.get(order.botId);
    const held = this.#deps.orders.position(order.botId, order.symbol).netQty;
    if (state && (held === 0 || sideOf(held) !== state.side)) {
      this.clear(order.botId, order.symbol).catch(() => undefined); // a failed write is logged by #write
    }
    const pending = this.#pending.get(order.clientOrderId);
    if (pending) {
      if (isTerminal(order.status)) this.#pending.delete(order.clientOrderId);
      if (order.filledQty > 0) this.#track(this.#arm(pending.botId, pending.symbol, pending.direction, pending));
      return;
    }
    // A fill that opened (or flipped) the position arms the bot's own exits, whoever placed it.
    const now = this.#bySymbol.get(order.symbol)?.get(order.botId);
    if (order.filledQty > 0 && held !== 0 && (!now || now.plan === null)) this.#track(this.#arm(order.botId, order.symbol, sideOf(held) === 1 ? 1 : -1, null));
  }

  /** Resolves once every position whose fill has been seen is armed and every level is stored. */
  async settled(): Promise<void> {
    while (this.#arming.size > 0) await Promise.all(this.#arming);
    await this.#writes;
  }

  #track(arming: Promise<void>): void {
    const tracked = arming.catch((error: unknown) => this.#deps.logger.error('Could not arm the levels of a position', { error })).finally(() => this.#arming.delete(tracked));
    this.#arming.add(tracked);
  }

  #arm(botId: string, symbol: string, direction: 1 | -1, entry: EntryLevels | null): Promise<void> {
    return armPosition(this.#armHost, { botId, symbol, direction }, entry);
  }

  readonly #armHost: ArmHost = {
    db: () => this.#deps.db,
    orders: () => this.#deps.orders,
    logger: () => this.#deps.logger,
    atr: (botId) => this.#deps.atr?.(botId) ?? null,
    feeRate: () => this.#deps.feeRate ?? 0,
    instrument: (symbol) => this.#instruments.get(symbol),
    state: (botId, symbol) => this.#bySymbol.get(symbol)?.get(botId),
    set: (botId, symbol, levels, plan) => this.set(botId, symbol, levels, plan),
  };

  /** The outcome of a closing order: filled ends the protection, anything else is shown on the position. */
  #onClosingOrder(order: Order): void {
    const key = this.#closing.get(order.clientOrderId);
    if (!key || !isTerminal(order.status)) return;
    this.#closing.delete(order.clientOrderId);
    const state = this.#bySymbol.get(key.symbol)?.get(key.botId);
    if (!state || state.closingOrderId !== order.clientOrderId) return;
    state.closingOrderId = null;
    const target = state.plan?.closingTarget ?? null;
    if (state.plan) state.plan.closingTarget = null;
    const done = order.status === 'FILLED' && this.#deps.orders.position(key.botId, key.symbol).netQty === 0;
    if (!done && target !== null && order.filledQty > 0) return void this.#targetFilled(key.botId, key.symbol, state, target).catch(() => undefined);
    const settled = done
      ? this.clear(key.botId, key.symbol)
      : this.#failed(key.botId, key.symbol, state, order.status === 'FILLED' ? null : (order.rejectReason ?? `The closing order was ${order.status.toLowerCase()}`));
    settled.catch(() => undefined); // a failed write is logged by #write
  }

  /** A take-profit's part is closed: it is marked filled, and the stop may move to break-even at once. */
  async #targetFilled(botId: string, symbol: string, state: State, index: number): Promise<void> {
    const plan = state.plan;
    const target = plan?.targets[index];
    if (!plan || !target) return;
    target.filled = true;
    state.stopLoss = advance(plan, state.stopLoss, state.side === 1 ? 1 : -1, target.price, this.#instruments.get(symbol));
    state.closeError = null;
    state.closeErrorAt = null;
    await this.#save(botId, symbol, state);
    this.#changed(botId);
  }

  /** Keeps the levels with the reason the close failed (null: filled, but the position grew meanwhile). */
  async #failed(botId: string, symbol: string, state: State, reason: string | null): Promise<void> {
    state.closeError = reason;
    state.closeErrorAt = reason === null ? null : this.#deps.clock.now();
    if (reason) this.#deps.logger.warn('Protective close failed', { botId, symbol, reason });
    await this.#save(botId, symbol, state);
    this.#changed(botId);
  }

  /** Shows why the level waits (another close is at the venue; null: no longer) without pacing the next try; written once per change. */
  async #waiting(botId: string, symbol: string, state: State, reason: string | null): Promise<void> {
    if (state.closeError === reason && state.closeErrorAt === null) return;
    state.closeError = reason;
    state.closeErrorAt = null;
    await this.#save(botId, symbol, state);
    this.#changed(botId);
  }

  #save(botId: string, symbol: string, { side: _side, plan, ...stored }: State): Promise<void> {
    const row = { botId, symbol, ...stored, exitPlanJson: plan === null ? null : JSON.stringify(plan) };
    return this.#write(() => saveProtection(this.#deps.db, row));
  }

  #write(work: () => Promise<void>): Promise<void> {
    const run = this.#writes.then(work);
    this.#writes = run.catch((error: unknown) => this.#deps.logger.error('Could not store a protection', { error }));
    return run;
  }

  #changed(botId: string): void {
    this.#deps.bus.emit('change', { topic: 'positions', botId });
  }

  #statesOf(symbol: string): Map<string, State> {
    let states = this.#bySymbol.get(symbol);
    if (!states) this.#bySymbol.set(symbol, (states = new Map()));
    return states;
  }
}
