import type { Mismatch, MismatchAction } from '../../../../shared/contract/reconcile.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { appendAudit } from '../../persistence/audit.repository.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { OPEN_STATUSES } from '../order-state.ts';
import { snapshotEvents } from '../venue-replies.ts';
import { adjustHolding, closeHolding } from './holding-decisions.ts';
import { askVenue, type DecisionContext } from './ask-venue.ts';
import { checkSnapshot, UnusableVenueAnswer } from './venue-numbers.ts';
import type { VenueOrderSnapshot } from '../../venues/venue.ts';

/**
 * The trader's decision on one difference, checked against the venue again first (it may have
 * changed since it was listed), applied through the order manager and written to the audit log.
 */
export async function resolveMismatch(ctx: DecisionContext, mismatch: Mismatch, action: MismatchAction, botId: string | undefined): Promise<Result<string>> {
  if (action === 'adopt' && (botId === undefined || !mismatch.botIds.includes(botId))) {
    return fail('INVALID_INPUT', `Choose the bot that takes it: one of ${mismatch.botIds.join(', ') || '(no bot of this account trades it)'}`, [{ path: ['botId'], message: 'Choose a bot' }]);
  }
  const done = await decide(ctx, mismatch, action, botId as string);
  if (!done.ok) return done;
  await appendAudit(ctx.db, ctx.clock.now(), {
    action: `reconcile.${action}`,
    entity: 'account',
    entityId: mismatch.accountId,
    detail: { mismatch: mismatch.id, kind: mismatch.kind, botId: botId ?? null, ours: mismatch.ours, venue: mismatch.venue, done: done.value },
  });
  return done;
}

function decide(ctx: DecisionContext, mismatch: Mismatch, action: MismatchAction, botId: string): Promise<Result<string>> {
  if (mismatch.kind === 'position' || mismatch.kind === 'balance') {
    return action === 'adopt' ? adjustHolding(ctx, mismatch, botId) : closeHolding(ctx, mismatch);
  }
  if (mismatch.kind === 'unknown_order') return markOrderClosed(ctx, mismatch);
  return action === 'adopt' ? adoptOrder(ctx, mismatch, botId) : cancelAtVenue(ctx, mismatch);
}

async function markOrderClosed(ctx: DecisionContext, mismatch: Mismatch): Promise<Result<string>> {
  const order = await findOrder(ctx.db, mismatch.clientOrderId ?? '');
  if (!order || !OPEN_STATUSES.includes(order.status)) return fail('CONFLICT', `Order ${mismatch.clientOrderId} is no longer open here; nothing to close`);
  const seen = await askVenue(() => ctx.target.venue.fetchOrder(order));
  if (!seen.ok) return seen;
  if (seen.value) return fail('CONFLICT', `The venue now knows order ${order.clientOrderId} (${seen.value.status}); reconcile again instead`);
  await ctx.target.orders.recordEvent(order.clientOrderId, { kind: 'canceled', reason: 'Marked closed by the trader on the Reconcile screen: the venue has no record of it' });
  return ok(`Order ${order.clientOrderId} marked closed`);
}

async function adoptOrder(ctx: DecisionContext, mismatch: Mismatch, botId: string): Promise<Result<string>> {
  const ref = { clientOrderId: mismatch.clientOrderId ?? '', symbol: mismatch.symbol };
  const seen = await askVenue(() => ctx.target.venue.fetchOrder(ref));
  if (!seen.ok) return seen;
  const snapshot = seen.value;
  if (!snapshot || snapshot.status !== 'open') return fail('CONFLICT', `Order ${ref.clientOrderId} is no longer open at the venue; reconcile again`);
  if (unusable(snapshot)) return fail('REFUSED', unusable(snapshot) ?? '');
  const { clientOrderId, symbol, side, type, qty, price, venueOrderId, ts } = snapshot;
  const order: Order = { clientOrderId, venueOrderId: null, botId, venue: ctx.target.accountId, symbol, side, type, qty, price, triggerPrice: snapshot.triggerPrice ?? null, status: 'PENDING_SUBMIT', source: 'manual', filledQty: 0, avgFillPx: null, rejectReason: null, tsInit: ts, tsEvent: ts };
  const why = `Adopted by the trader on the Reconcile screen: the venue held it open (venue id ${venueOrderId}) and StoxRobot had no record of it`;
  const adopted = await ctx.target.orders.adopt(order, why, snapshotEvents(order, snapshot));
  return ok(`Order ${clientOrderId} adopted by bot ${botId} as ${adopted.status}`);
}

function unusable(snapshot: VenueOrderSnapshot): string | null {
  try {
    checkSnapshot(snapshot);
    return null;
  } catch (error) {
    if (error instanceof UnusableVenueAnswer) return error.message;
    throw error;
  }
}

async function cancelAtVenue(ctx: DecisionContext, mismatch: Mismatch): Promise<Result<string>> {
  const ref = { clientOrderId: mismatch.clientOrderId ?? '', symbol: mismatch.symbol };
  const reply = await askVenue(() => ctx.target.venue.cancel(ref));
  if (!reply.ok) return reply;
  if (!reply.value.ok) return fail('REFUSED', `The venue did not cancel order ${ref.clientOrderId}: ${reply.value.error.message}`);
  return ok(`Order ${ref.clientOrderId} canceled at the venue`);
}
