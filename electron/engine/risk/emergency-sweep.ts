import type { Kysely } from 'kysely';
import { fail, type Result } from '../../../shared/errors.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { Database } from '../persistence/database.ts';
import { findOrder, listOrdersByStatus, ordersOfBot } from '../persistence/orders.repository.ts';
import { OPEN_STATUSES } from '../execution/order-state.ts';
import { floorToStep } from '../execution/precision.ts';
import { botAccountId } from '../persistence/bots.repository.ts';
import type { OrderStatus } from '../../../shared/domain/order.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';
import type { Venue, VenueOrderSnapshot } from '../venues/venue.ts';

export interface SweepDeps {
  db: Kysely<Database>;
  orders: OrderManager;
  venues: VenueRegistry;
  /** False once the stop was lifted (or raised, or closed): the round then acts no further. */
  stillOn: () => boolean;
}

export interface RoundResult {
  /** Open orders the venues showed before this round's cancels. */
  left: number;
  /** Our ids of the orders canceled or placed (closes), for the audit log. */
  acted: string[];
  errors: string[];
}

const CANCELABLE_HERE = new Set<OrderStatus>(['PENDING_SUBMIT', 'ACCEPTED', 'PARTIALLY_FILLED']);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One pass over every account's venue: what it shows open is canceled. Our own orders go through
 * the order manager (their rows follow); an order of ours already waiting on a lost cancel reply,
 * or one we hold no row for, is asked of the venue directly. `spare` are the flatten's own closes.
 */
export async function cancelRound(deps: SweepDeps, spare: ReadonlySet<string>): Promise<RoundResult> {
  let left = 0;
  const acted: string[] = [];
  const errors: string[] = [];
  for (const accountId of deps.venues.accounts()) {
    const venue = deps.venues.get(accountId);
    if (!venue) continue;
    let open;
    try {
      open = (await venue.openOrders()).filter((o) => !spare.has(o.clientOrderId));
    } catch (error) {
      errors.push(`${accountId}: could not list open orders (${message(error)})`);
      left += 1; // unknown: not done until the venue answers
      continue;
    }
    left += open.length;
    for (const snapshot of open) {
      if (!deps.stillOn()) return { left, acted, errors };
      // A database error (a full disk) is one more reason to retry, never the end of the sweep.
      const canceled = await cancelOne(deps, venue, snapshot).catch((error: unknown) => fail('UNAVAILABLE', message(error)));
      if (canceled.ok) acted.push(snapshot.clientOrderId);
      else errors.push(`${accountId} ${snapshot.symbol} ${snapshot.clientOrderId}: ${canceled.error.message}`);
    }
    left += await settleUnlisted(deps, accountId, new Set(open.map((o) => o.clientOrderId)), spare).catch((error: unknown) => (errors.push(`${accountId}: ${message(error)}`), 1));
  }
  return { left, acted, errors };
}

/**
 * Orders our rows hold open on the account that the venue did not list: an entry still on its way
 * (it would land after the sweep ended) is canceled now, and the order manager cancels it again
 * once it lands; until then it counts as open. Any other is asked of the venue. Returns how many are still open.
 */
async function settleUnlisted(deps: SweepDeps, accountId: string, listed: ReadonlySet<string>, spare: ReadonlySet<string>): Promise<number> {
  const ours = (await listOrdersByStatus(deps.db, OPEN_STATUSES)).filter((o) => o.venue === accountId && !listed.has(o.clientOrderId) && !spare.has(o.clientOrderId));
  let left = 0;
  for (const order of ours) {
    if (!deps.stillOn()) return left + 1;
    // Never acknowledged: it may still be on its way, and a venue asked now would say it has no such order.
    if (order.status === 'PENDING_CANCEL' && order.venueOrderId === null) {
      left += 1;
      continue;
    }
    const now = order.status === 'PENDING_SUBMIT' ? await deps.orders.cancel(order.clientOrderId) : await deps.orders.reconcile(order.clientOrderId);
    if (!now.ok || OPEN_STATUSES.includes(now.value.status)) left += 1;
  }
  return left;
}

async function cancelOne(deps: SweepDeps, venue: Venue, snapshot: VenueOrderSnapshot): Promise<Result<unknown>> {
  const ours = await findOrder(deps.db, snapshot.clientOrderId);
  // A row already canceling, or closed here while the venue still shows it open: asked of the venue directly.
  return ours && CANCELABLE_HERE.has(ours.status) ? deps.orders.cancel(snapshot.clientOrderId) : venue.cancel(snapshot);
}

/** Every position not yet flat gets a reduce-only market close of its size; returns how many were open. */
export async function flattenRound(deps: SweepDeps, placed: Set<string>): Promise<RoundResult> {
  await settleLostReplies(deps, placed).catch(() => undefined);
  const open = deps.orders.positionEntries().filter((p) => p.state.netQty !== 0);
  const acted: string[] = [];
  const errors: string[] = [];
  let dust = 0;
  for (const { botId, symbol, state } of open) {
    if (!deps.stillOn()) break;
    const side = state.netQty > 0 ? 'SELL' : 'BUY';
    try {
      const step = await stepOf(deps, botId, symbol);
      if (step !== null && floorToStep(Math.abs(state.netQty), step) === 0) {
        // No order can close it: retrying would add a refused order every round, for ever.
        dust += 1;
        errors.push(`${symbol} ${Math.abs(state.netQty)} left (bot ${botId}) is less than one step (${step}) of the venue: no order can close it; write it off from the account page`);
        continue;
      }
      const order = await deps.orders.place({ botId, symbol, side, type: 'MARKET', qty: Math.abs(state.netQty), reduceOnly: true, source: 'emergency' });
      placed.add(order.clientOrderId);
      acted.push(order.clientOrderId);
      if (order.status === 'REJECTED') errors.push(`${symbol} close of ${Math.abs(state.netQty)} (bot ${botId}) was refused: ${order.rejectReason ?? 'no reason given'}`);
    } catch (error) {
      errors.push(`${symbol} close of ${Math.abs(state.netQty)} (bot ${botId}) failed: ${message(error)}`);
    }
  }
  return { left: open.length - dust, acted, errors };
}

/** The venue's quantity step for the bot's account and symbol, when the venue says. */
async function stepOf(deps: SweepDeps, botId: string, symbol: string): Promise<number | null> {
  const accountId = await botAccountId(deps.db, botId);
  const instrument = accountId === undefined ? undefined : deps.venues.get(accountId)?.instruments().find((i) => i.symbol === symbol);
  return instrument ? instrument.stepSize : null;
}

/**
 * Orders whose last reply was lost would hold their quantity as "being closed" for ever, and every
 * later close would be refused as more than the position: the venue is asked what became of them.
 * Our closes of earlier rounds still PENDING_SUBMIT (every `place` of the sweep has returned), and
 * any PENDING_CANCEL order of a position still open (a take-profit whose cancel reply was lost).
 */
async function settleLostReplies(deps: SweepDeps, placed: ReadonlySet<string>): Promise<void> {
  const closes = await Promise.all([...placed].map((id) => findOrder(deps.db, id)));
  const positions = deps.orders.positionEntries().filter((p) => p.state.netQty !== 0);
  const canceling = await Promise.all(positions.map((p) => ordersOfBot(deps.db, p.botId, ['PENDING_CANCEL'], p.symbol)));
  // A cancel never acknowledged may be of an order still on its way: asked only once the venue knows it.
  const unknown = [...closes.filter((o) => o?.status === 'PENDING_SUBMIT'), ...canceling.flat().filter((o) => o.venueOrderId !== null)];
  for (const order of unknown) {
    if (order) await deps.orders.reconcile(order.clientOrderId).catch(() => undefined); // unreachable now: asked again next round
  }
}
