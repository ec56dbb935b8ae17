import type { Exchange } from 'ccxt';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { fail, ok } from '../../../../shared/errors.ts';
import type { Logger } from '../../ports/logger.ts';
import type { Credentials } from '../exchange.ts';
import type { CancelResult, OrderRef, OrderRequest, SubmitResult, Venue, VenueBalance, VenueEvent, VenueFill, VenueOrderSnapshot, VenuePosition } from '../venue.ts';
import { type Attempt, ExchangeCalls } from './exchange-calls.ts';
import { instrumentsOf } from './instruments.ts';
import { isOurs, toSnapshot } from './mapping.ts';
import { lookupOrder, orderFills } from './order-lookup.ts';
import { OrderWatch } from './order-watch.ts';
import { Poller } from './poller.ts';
import { readBalances, readFillsSince, readPositions } from './account-reads.ts';
import { type SubmitTiming, submitOrder } from './submit-order.ts';
import { VenueCallError } from './venue-call-error.ts';

export interface CcxtVenueSettings {
  /** How often open orders are polled for fills, cancels and expiries. */
  pollMs: number;
  submit: SubmitTiming;
  /** Retries of reads and cancels, and the first back-off pause (doubling). */
  retries: number;
  backoffMs: number;
}

export const DEFAULT_VENUE_SETTINGS: CcxtVenueSettings = {
  pollMs: 2_000,
  submit: { graceMs: 15_000, lookupIntervalMs: 2_000, minNotFound: 3 },
  retries: 3,
  backoffMs: 500,
};

function valueOf<T>(attempt: Attempt<T>): T {
  if (!attempt.ok) throw new VenueCallError(attempt.error);
  return attempt.value;
}

/** One exchange account through ccxt (see ../venue.ts for the contract). Its id is the account id. */
export class CcxtVenue implements Venue {
  readonly id: string;
  readonly inProcess = false;
  /** Whether ccxt says the exchange takes stop orders (Binance spot: STOP_LOSS and STOP_LOSS_LIMIT). */
  readonly holdsStops: boolean;
  readonly #calls: ExchangeCalls;
  readonly #watch: OrderWatch;
  readonly #poller: Poller;
  readonly #listeners: ((event: VenueEvent) => void)[] = [];
  readonly #settings: CcxtVenueSettings;
  readonly #stop = new AbortController();
  readonly #now: () => number;
  /** The exchange's order id → ours (null: not our order), learnt by fillsSince. */
  readonly #clientIds = new Map<string, string | null>();
  #instruments: Instrument[] | null = null;

  constructor(deps: { accountId: string; exchange: Exchange; credentials: Credentials; logger: Logger; settings?: Partial<CcxtVenueSettings>; now?: () => number }) {
    this.id = deps.accountId;
    this.#settings = { ...DEFAULT_VENUE_SETTINGS, ...deps.settings };
    this.#now = deps.now ?? Date.now;
    this.holdsStops = deps.exchange.has.createStopOrder === true || deps.exchange.has.createTriggerOrder === true;
    const emit = (event: VenueEvent) => this.#emit(event);
    this.#calls = new ExchangeCalls({
      exchange: deps.exchange,
      credentials: deps.credentials,
      logger: deps.logger,
      retries: this.#settings.retries,
      backoffMs: this.#settings.backoffMs,
      signal: this.#stop.signal,
      onAuthFailed: (reason) => this.#poller.authFailed(reason),
    });
    this.#watch = new OrderWatch(this.#calls, emit, this.#now);
    const probe = () => this.#calls.attempt('the balance', (ex) => ex.fetchBalance());
    this.#poller = new Poller({ watch: this.#watch, probe, redact: (text) => this.#calls.redact(text), intervalMs: this.#settings.pollMs, emit, now: this.#now, signal: this.#stop.signal, logger: deps.logger });
    this.#poller.start();
  }

  /** Built once from the markets loaded when the venue opened (thousands on a large exchange, asked per order). */
  instruments(): Instrument[] {
    this.#instruments ??= instrumentsOf(this.id, this.#calls.exchange);
    return this.#instruments;
  }

  /** A submit that throws left the order's fate unknown: the account is blocked and reconciled once the exchange answers. */
  submit(order: OrderRequest): Promise<SubmitResult> {
    return submitOrder({ calls: this.#calls, watch: this.#watch, timing: this.#settings.submit, now: this.#now, signal: this.#stop.signal }, order).catch((error: unknown) => {
      this.#poller.outcomeUnknown(`whether the order ${order.clientOrderId} reached ${this.#calls.exchange.name} is not known yet`);
      throw error;
    });
  }

  /** Cancels by our id; the fills the order made before the cancel are reported first. */
  async cancel(order: OrderRef): Promise<CancelResult> {
    const ref = { clientOrderId: order.clientOrderId, symbol: order.symbol };
    this.#watch.watch(ref, []);
    this.#watch.cancelRequested(ref.clientOrderId, true);
    const canceled = await this.#calls.withRetry(`the cancel of ${ref.clientOrderId}`, (ex) => ex.cancelOrder(undefined as unknown as string, ref.symbol, { clientOrderId: ref.clientOrderId }));
    // Whatever the answer (a retried cancel finds the order already gone), the order's own record says what is true.
    const found = await lookupOrder(this.#calls, ref);
    if (found.ok) this.#watch.settle(ref, found.value);
    if (found.ok && found.value?.order.status === 'canceled') return ok(null);
    if (canceled.ok) return ok(null);
    this.#watch.cancelRequested(ref.clientOrderId, false);
    if (canceled.failure.kind === 'not_found' && found.ok) {
      const state = found.value ? `it is ${found.value.order.status === 'closed' ? 'already filled' : found.value.order.status}` : 'the exchange has no such order';
      return fail('REFUSED', `${this.#calls.exchange.name} did not cancel ${ref.clientOrderId}: ${state}`);
    }
    return { ok: false, error: canceled.error };
  }

  async fetchOrder(order: OrderRef): Promise<VenueOrderSnapshot | null> {
    const found = valueOf(await lookupOrder(this.#calls, order));
    return found && toSnapshot(found.order, order, found.fills);
  }

  async openOrders(): Promise<VenueOrderSnapshot[]> {
    const open = valueOf(await this.#calls.withRetry('the open orders', (ex) => ex.fetchOpenOrders()));
    const snapshots: VenueOrderSnapshot[] = [];
    for (const order of open) {
      if (!isOurs(order.clientOrderId) || !order.symbol) continue;
      const ref = { clientOrderId: order.clientOrderId, symbol: order.symbol };
      const fills: VenueFill[] = valueOf(await orderFills(this.#calls, order, ref));
      this.#watch.watch(ref, []);
      snapshots.push(toSnapshot(order, ref, fills));
    }
    return snapshots;
  }

  fillsSince(since: number, symbols: readonly string[]): Promise<VenueFill[]> {
    return readFillsSince(this.#calls, since, symbols, this.#clientIds, this.#now()).then(valueOf);
  }

  balances(): Promise<VenueBalance[]> {
    return readBalances(this.#calls).then(valueOf);
  }

  positions(): Promise<VenuePosition[]> {
    return readPositions(this.#calls).then(valueOf);
  }

  onEvent(listener: (event: VenueEvent) => void): void {
    this.#listeners.push(listener);
  }

  async close(): Promise<void> {
    this.#stop.abort();
    await this.#poller.stopped();
  }

  #emit(event: VenueEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
