import type { Attempt, ExchangeCalls } from './exchange-calls.ts';
import type { OrderRef, VenueEvent, VenueFill } from '../venue.ts';
import { snapshotStatus } from './mapping.ts';
import { type FoundOrder, lookupOrder } from './order-lookup.ts';

interface Watched {
  ref: OrderRef;
  /** Fill ids already reported (in a submit reply or an event): each is reported once. */
  reported: Set<string>;
  /** We asked for the cancel: the cancel reply reports it, not a `canceled` event. */
  ownCancel: boolean;
  /** "No such order" answers in a row: an exchange may list a new order late, so one is not enough to forget it. */
  misses: number;
}

const MISSES_BEFORE_FORGETTING = 5;

/**
 * The orders this venue knows are open, polled for fills and for what the exchange did on its own
 * (cancel, expiry). Fills are reported once per exchange trade id.
 */
export class OrderWatch {
  readonly #watched = new Map<string, Watched>();
  readonly #calls: ExchangeCalls;
  readonly #emit: (event: VenueEvent) => void;
  readonly #now: () => number;

  constructor(calls: ExchangeCalls, emit: (event: VenueEvent) => void, now: () => number) {
    this.#calls = calls;
    this.#emit = emit;
    this.#now = now;
  }

  get size(): number {
    return this.#watched.size;
  }

  /** Starts watching an open order; `reported` fills were already given to the engine. */
  watch(ref: OrderRef, reported: readonly VenueFill[]): void {
    const entry = this.#watched.get(ref.clientOrderId) ?? { ref: { clientOrderId: ref.clientOrderId, symbol: ref.symbol }, reported: new Set<string>(), ownCancel: false, misses: 0 };
    for (const fill of reported) entry.reported.add(fill.fillId);
    this.#watched.set(ref.clientOrderId, entry);
  }

  /** Set while our cancel is asked; cleared when the exchange did not cancel (a later cancel of its own is then reported). */
  cancelRequested(clientOrderId: string, requested: boolean): void {
    const entry = this.#watched.get(clientOrderId);
    if (entry) entry.ownCancel = requested;
  }

  /** Marks fills as reported and returns those that were not. */
  fresh(clientOrderId: string, fills: readonly VenueFill[]): VenueFill[] {
    const entry = this.#watched.get(clientOrderId);
    if (!entry) return [...fills];
    return fills.filter((fill) => !entry.reported.has(fill.fillId) && entry.reported.add(fill.fillId) !== undefined);
  }

  /**
   * Applies what the exchange says of one order: new fills are emitted, then its end (unless we
   * canceled it ourselves: the cancel reply says so); a finished order is no longer watched.
   */
  settle(ref: OrderRef, found: FoundOrder | null): void {
    const entry = this.#watched.get(ref.clientOrderId);
    if (!found) {
      if (!entry || ++entry.misses >= MISSES_BEFORE_FORGETTING) this.#watched.delete(ref.clientOrderId);
      return;
    }
    if (entry) entry.misses = 0;
    else this.watch(ref, []);
    const ownCancel = entry?.ownCancel === true;
    const firstFills = (entry?.reported.size ?? 0) === 0;
    const fresh = this.fresh(ref.clientOrderId, found.fills);
    // A stop's first fills tell that the exchange fired it (the exchange says no more): its history shows it.
    const trigger = Number(found.order.triggerPrice ?? 0);
    const first = fresh[0];
    if (firstFills && first && Number.isFinite(trigger) && trigger > 0) this.#emit({ kind: 'triggered', clientOrderId: ref.clientOrderId, px: first.px, ts: first.ts });
    for (const fill of fresh) this.#emit({ kind: 'filled', fill });
    const status = snapshotStatus(found.order);
    // An order whose trades the exchange has not listed in full yet stays watched until they are.
    const listed = found.fills.reduce((sum, fill) => sum + fill.qty, 0);
    if (status === 'open' || listed < Number(found.order.filled ?? 0) * (1 - 1e-9)) return;
    this.#watched.delete(ref.clientOrderId);
    const ts = Number(found.order.lastUpdateTimestamp ?? found.order.timestamp ?? this.#now());
    if (ownCancel || status === 'filled') return;
    if (status === 'canceled') this.#emit({ kind: 'canceled', clientOrderId: ref.clientOrderId, ts, reason: 'Canceled at the exchange' });
    else this.#emit({ kind: 'expired', clientOrderId: ref.clientOrderId, ts });
  }

  /** One pass over the watched orders; the first failure ends the pass and is returned. */
  async pollOnce(): Promise<Attempt<null>> {
    for (const { ref } of [...this.#watched.values()]) {
      const found = await lookupOrder(this.#calls, ref, false);
      if (!found.ok) return found;
      this.settle(ref, found.value);
    }
    return { ok: true, value: null };
  }
}
