import type { Order } from 'ccxt';
import { delay } from '../../../../shared/delay.ts';
import { hasLimitPrice } from '../../../../shared/domain/order.ts';
import { ok } from '../../../../shared/errors.ts';
import type { OrderRequest, SubmitResult, VenueFill } from '../venue.ts';
import type { Attempt, ExchangeCalls } from './exchange-calls.ts';
import { toFill, uniqueTrades } from './mapping.ts';
import { oddAnswer } from './odd-answer.ts';
import { type FoundOrder, lookupOrder } from './order-lookup.ts';
import { prepareOrder } from './order-rules.ts';
import type { OrderWatch } from './order-watch.ts';

export interface SubmitTiming {
  /** How long an order whose reply was lost is looked for before it is sent again. */
  graceMs: number;
  /** Pause between look-ups within the grace period. */
  lookupIntervalMs: number;
  /** "Not found" answers needed (besides the whole grace period) before the one re-send. */
  minNotFound: number;
}

/** Thrown when neither the exchange's reply nor its records tell whether the order exists: it stays PENDING_SUBMIT. */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknownError';
}

interface SubmitDeps {
  calls: ExchangeCalls;
  watch: OrderWatch;
  timing: SubmitTiming;
  now: () => number;
  signal: AbortSignal;
}

/** Anything but a fully filled order stays watched: a market order that expired part-filled is reported `expired` by the next poll. */
function accepted(deps: SubmitDeps, request: OrderRequest, order: Order, fills: VenueFill[]): SubmitResult {
  if (order.status !== 'closed') deps.watch.watch(request, fills);
  return ok({ venueOrderId: String(order.id), fills });
}

const replyFills = (deps: SubmitDeps, order: Order, request: OrderRequest): VenueFill[] =>
  uniqueTrades(order.trades ?? []).map((t) => toFill(t, request.clientOrderId, deps.calls.exchange.markets?.[request.symbol]?.quote));

/**
 * Looks for the order under our client id until the grace period is over. `absent` needs the whole
 * period and at least `minNotFound` "not found" answers (an exchange may list a new order late);
 * failed look-ups prove nothing, so without enough answers the result is `unknown`.
 */
async function searchWithinGrace(deps: SubmitDeps, request: OrderRequest): Promise<FoundOrder | 'absent' | 'unknown'> {
  const deadline = deps.now() + deps.timing.graceMs;
  let notFound = 0;
  for (;;) {
    const found = await lookupOrder(deps.calls, request, false);
    if (found.ok && found.value) return found.value;
    if (found.ok) notFound += 1;
    if (!found.ok && found.failure.kind === 'auth') return 'unknown';
    if (deps.signal.aborted) return 'unknown'; // a closing venue sends nothing more
    if (deps.now() >= deadline) return notFound >= deps.timing.minNotFound ? 'absent' : 'unknown';
    await delay(deps.timing.lookupIntervalMs, deps.signal);
  }
}

const send = (deps: SubmitDeps, request: OrderRequest, p: ReturnType<typeof prepareOrder> & { ok: true }): Promise<Attempt<Order>> =>
  deps.calls.attempt(`the order ${request.clientOrderId}`, (ex) =>
    ex.createOrder(request.symbol, hasLimitPrice(request.type) ? 'limit' : 'market', request.side === 'BUY' ? 'buy' : 'sell', p.value.amount, p.value.price, p.value.params),
  );

/** A reply that cannot be booked as it is (garbled, or about another order): the exchange's record of our id says what happened. */
async function acceptedOrLookedUp(deps: SubmitDeps, request: OrderRequest, reply: Order): Promise<SubmitResult> {
  const fills = replyFills(deps, reply, request);
  const odd = oddAnswer(reply, request, fills);
  if (odd === null) return accepted(deps, request, reply, fills);
  const found = await lookupOrder(deps.calls, request);
  if (found.ok && found.value) return accepted(deps, request, found.value.order, found.value.fills);
  // The answer's own words (another order's id, say) may echo anything, keys included: redacted.
  throw new OutcomeUnknownError(deps.calls.redact(`${deps.calls.exchange.name} answered the order ${request.clientOrderId} with ${odd}; whether it was placed is not known yet: it will be reconciled`));
}

/**
 * Sends an order once. It is never blindly sent again: after a lost reply (timeout, dropped
 * connection, server fault) it is looked up by our client id over a grace period, and re-sent with
 * the same id only if the exchange kept saying it has no such order. Binance keeps client ids unique
 * among open orders only, so a re-send of a filled order would trade twice: hence the look-up first.
 */
export async function submitOrder(deps: SubmitDeps, request: OrderRequest): Promise<SubmitResult> {
  const prepared = prepareOrder(deps.calls.exchange, request);
  if (!prepared.ok) return prepared;
  for (let sends = 1; ; sends += 1) {
    const sent = await send(deps, request, prepared);
    if (sent.ok) return acceptedOrLookedUp(deps, request, sent.value);
    const kind = sent.failure.kind;
    if (kind !== 'temporary' && kind !== 'duplicate') return { ok: false, error: sent.error };
    // The order may exist (its reply was lost, or an open order already has our id): find it.
    const found = kind === 'duplicate' ? await lookupOrder(deps.calls, request) : null;
    if (found?.ok && found.value) return accepted(deps, request, found.value.order, found.value.fills);
    const searched = kind === 'duplicate' ? 'unknown' : await searchWithinGrace(deps, request);
    if (typeof searched === 'object') return accepted(deps, request, searched.order, searched.fills);
    if (searched === 'unknown' || sends >= 2) {
      throw new OutcomeUnknownError(`${sent.error.message}; whether the order ${request.clientOrderId} reached the exchange is not known yet: it will be reconciled`);
    }
  }
}
