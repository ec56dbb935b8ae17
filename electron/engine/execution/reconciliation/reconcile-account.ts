import type { Kysely } from 'kysely';
import type { Mismatch } from '../../../../shared/contract/reconcile.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import type { Database } from '../../persistence/database.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { VenueOrderSnapshot } from '../../venues/venue.ts';
import { isTerminal, OPEN_STATUSES } from '../order-state.ts';
import { snapshotEvents } from '../venue-replies.ts';
import { bookedFillIds, botsOf, fillsFrom, holdingsOf, openOrdersOf, symbolsTradedSince } from './account-ledger.ts';
import { holdingMismatches } from './holdings.ts';
import { foreignOrder, openAtVenue, unknownOrder } from './mismatch-words.ts';
import { changingEvents, missingOrderEvent } from './order-outcome.ts';
import type { ReconcileTarget } from './target.ts';
import { checkFill, checkHoldings, checkSnapshot } from './venue-numbers.ts';

/** Our client ids start so (execution/ids.ts; alert legs are `sr-alert-…`). */
export const OUR_PREFIX = 'sr-';

export interface PassOptions {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** A remote venue is asked twice, this far apart, before a submit it never heard of is rejected: the request may still be on its way. */
  unknownGraceMs: number;
  /** Fills are caught up from the last one we hold minus this much (clock skew, fills stamped out of order). */
  fillsMarginMs: number;
  sleep(ms: number): Promise<void>;
  /**
   * The first run since the engine started: an in-process venue gets back the open orders we hold,
   * and no submit of this process can be on its way (bots wait for this run), so a submit the venue
   * does not know after the grace never arrived.
   */
  firstRun: boolean;
  /**
   * In later runs a submit may be on its way while we ask: one the venue does not know is noted
   * here (id -> wall time first seen) and rejected only once unknown for `inFlightGraceMs`.
   */
  unknownSince?: Map<string, number>;
  inFlightGraceMs?: number;
}

const isOpen = (order: Order) => OPEN_STATUSES.includes(order.status);

/**
 * One reconciliation of one account with its venue: every order we hold open is settled by the
 * venue's view of it, missed fills are booked (once: the order manager dedupes by fill id), and
 * what cannot be settled without the trader is returned. A venue that cannot answer throws, and
 * the whole pass is tried again later: every step is safe to repeat.
 */
export async function reconcileAccount(target: ReconcileTarget, options: PassOptions): Promise<Mismatch[]> {
  const { db } = options;
  const { accountId, venue } = target;
  const held = await openOrdersOf(db, accountId);
  if (options.firstRun) target.restore?.(held);
  const bots = await botsOf(db, accountId);
  const mismatches: Mismatch[] = [];

  const unknown: Order[] = [];
  for (const order of held) {
    const snapshot = await fetchChecked(target, order);
    if (snapshot) await applySnapshot(target, order.clientOrderId, snapshot, options);
    else unknown.push(order);
  }
  const askAgain = options.firstRun && !venue.inProcess && unknown.some((o) => o.status === 'PENDING_SUBMIT');
  if (askAgain && options.unknownGraceMs > 0) await options.sleep(options.unknownGraceMs);
  const stillUnknown = new Set<string>();
  for (const order of unknown) {
    const late = askAgain && order.status === 'PENDING_SUBMIT' ? await fetchChecked(target, order) : null;
    if (late) {
      await applySnapshot(target, order.clientOrderId, late, options);
      continue;
    }
    // A live report may have settled it while we asked.
    const current = await findOrder(db, order.clientOrderId);
    if (!current || !isOpen(current)) continue;
    if (mayBeOnItsWay(current, venue.inProcess, options)) {
      stillUnknown.add(current.clientOrderId);
      continue;
    }
    const event = missingOrderEvent(current, venue.inProcess);
    if (event) await target.orders.recordEvent(current.clientOrderId, event);
    else mismatches.push(unknownOrder(accountId, current, [current.botId]));
  }
  for (const id of options.unknownSince?.keys() ?? []) if (!stillUnknown.has(id)) options.unknownSince?.delete(id);

  await catchUpFills(target, options);
  mismatches.push(...(await strayOpenOrders(target, options, bots)));
  if (!venue.inProcess) {
    const [positions, balances] = [await venue.positions(), await venue.balances()];
    checkHoldings(positions, balances);
    mismatches.push(...holdingMismatches({ accountId, holdings: await holdingsOf(db, accountId), bots, positions, balances, instruments: venue.instruments() }));
  }
  return mismatches;
}

/** A later run's unknown submit, not yet unknown for the grace: left to its reply or the next run. */
function mayBeOnItsWay(order: Order, inProcess: boolean, options: PassOptions): boolean {
  if (options.firstRun || inProcess || order.status !== 'PENDING_SUBMIT' || !options.unknownSince) return false;
  const now = options.clock.now();
  const since = options.unknownSince.get(order.clientOrderId) ?? now;
  options.unknownSince.set(order.clientOrderId, since);
  return now - since < (options.inFlightGraceMs ?? 0);
}

async function fetchChecked(target: ReconcileTarget, order: Order): Promise<VenueOrderSnapshot | null> {
  const snapshot = await target.venue.fetchOrder(order);
  return snapshot && checkSnapshot(snapshot);
}

/** The venue's view of one order, applied as the events that change something. */
async function applySnapshot(target: ReconcileTarget, clientOrderId: string, snapshot: VenueOrderSnapshot, options: PassOptions): Promise<void> {
  const order = await findOrder(options.db, clientOrderId);
  if (!order) return;
  const booked = await bookedFillIds(options.db, target.accountId, snapshot.fills.map((f) => f.fillId));
  for (const event of changingEvents(order, snapshotEvents(order, snapshot), booked, options.clock.now())) {
    await target.orders.recordEvent(clientOrderId, event);
  }
}

/** Fills the venue made while we were not listening, on orders of ours (a fill of an order we do not hold is logged: its order is listed as foreign). */
async function catchUpFills(target: ReconcileTarget, options: PassOptions): Promise<void> {
  const { db } = options;
  const from = await fillsFrom(db, target.accountId);
  if (from === null) return;
  // Never from later than now: one fill stamped in the future (an exchange clock set back since) would hide every later fill.
  const since = Math.min(from, options.clock.now()) - options.fillsMarginMs;
  const symbols = await symbolsTradedSince(db, target.accountId, since);
  if (symbols.length === 0) return;
  const fills = (await target.venue.fillsSince(since, symbols)).map(checkFill);
  const booked = await bookedFillIds(db, target.accountId, fills.map((f) => f.fillId));
  for (const fill of fills) {
    if (booked.has(fill.fillId)) continue;
    const order = await findOrder(db, fill.clientOrderId);
    if (!order || order.venue !== target.accountId) {
      options.logger.warn('The venue reported a fill of an order StoxRobot does not hold on this account', { accountId: target.accountId, clientOrderId: fill.clientOrderId, fillId: fill.fillId });
      continue;
    }
    await target.orders.recordEvent(order.clientOrderId, { kind: 'filled', fill });
  }
}

/** Open orders at the venue under our prefix that we do not hold open. */
async function strayOpenOrders(target: ReconcileTarget, options: PassOptions, bots: readonly { id: string; symbol: string }[]): Promise<Mismatch[]> {
  const found: Mismatch[] = [];
  for (const snapshot of (await target.venue.openOrders()).map(checkSnapshot)) {
    if (!snapshot.clientOrderId.startsWith(OUR_PREFIX)) continue;
    const order = await findOrder(options.db, snapshot.clientOrderId);
    if (!order) found.push(foreignOrder(target.accountId, snapshot, bots.filter((b) => b.symbol === snapshot.symbol).map((b) => b.id)));
    else if (order.venue === target.accountId && isTerminal(order.status)) found.push(openAtVenue(target.accountId, order, snapshot));
  }
  return found;
}
