import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { CancelResult, OrderRef, OrderRequest, SubmitResult, Venue, VenueBalance, VenueEvent, VenueFill, VenueOrderSnapshot, VenuePosition } from '../venues/venue.ts';

interface Deferred<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): { promise: Promise<T>; handle: Deferred<T> } {
  let handle!: Deferred<T>;
  const promise = new Promise<T>((resolve, reject) => (handle = { resolve, reject }));
  return { promise, handle };
}

/**
 * A remote venue whose every reply the test delivers by hand: submit and cancel replies wait until
 * the script answers (or loses) them, and fill reports are pushed whenever the script says, so a
 * test can play any ordering a real exchange's REST replies and user-data stream can produce.
 */
export class ScriptedVenue implements Venue {
  readonly id = 'scripted';
  readonly inProcess = false;
  readonly submitted: OrderRequest[] = [];
  readonly #listeners: ((event: VenueEvent) => void)[] = [];
  readonly #submits = new Map<string, Deferred<SubmitResult>>();
  readonly #cancels = new Map<string, Deferred<CancelResult>>();
  readonly #views = new Map<string, VenueOrderSnapshot>();

  instruments(): Instrument[] {
    return [];
  }

  submit(order: OrderRequest): Promise<SubmitResult> {
    this.submitted.push(order);
    const { promise, handle } = deferred<SubmitResult>();
    this.#submits.set(order.clientOrderId, handle);
    return promise;
  }

  cancel({ clientOrderId }: OrderRef): Promise<CancelResult> {
    const { promise, handle } = deferred<CancelResult>();
    this.#cancels.set(clientOrderId, handle);
    return promise;
  }

  async fetchOrder({ clientOrderId }: OrderRef): Promise<VenueOrderSnapshot | null> {
    return this.#views.get(clientOrderId) ?? null;
  }

  async openOrders(): Promise<VenueOrderSnapshot[]> {
    return [...this.#views.values()].filter((view) => view.status === 'open');
  }

  async fillsSince(since: number, symbols: readonly string[]): Promise<VenueFill[]> {
    const ofSymbols = [...this.#views.values()].filter((view) => symbols.includes(view.symbol));
    return ofSymbols.flatMap((view) => view.fills).filter((fill) => fill.ts >= since).sort((a, b) => a.ts - b.ts);
  }

  async balances(): Promise<VenueBalance[]> {
    return [];
  }

  async positions(): Promise<VenuePosition[]> {
    return [];
  }

  async close(): Promise<void> {}

  onEvent(listener: (event: VenueEvent) => void): void {
    this.#listeners.push(listener);
  }

  // The script's side.

  /** What the venue will answer when asked about the order later (reconciliation). */
  setView(snapshot: VenueOrderSnapshot): void {
    this.#views.set(snapshot.clientOrderId, snapshot);
  }

  hasPendingCancel(clientOrderId: string): boolean {
    return this.#cancels.has(clientOrderId);
  }

  answerSubmit(clientOrderId: string, reply: SubmitResult | 'lost'): void {
    const handle = this.#take(this.#submits, clientOrderId);
    if (reply === 'lost') handle.reject(new Error('socket hang up'));
    else handle.resolve(reply);
  }

  answerCancel(clientOrderId: string, reply: CancelResult | 'lost'): void {
    const handle = this.#take(this.#cancels, clientOrderId);
    if (reply === 'lost') handle.reject(new Error('ETIMEDOUT'));
    else handle.resolve(reply);
  }

  report(event: VenueEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #take<T>(pending: Map<string, Deferred<T>>, clientOrderId: string): Deferred<T> {
    const handle = pending.get(clientOrderId);
    if (!handle) throw new Error(`No request for ${clientOrderId} is waiting for a reply`);
    pending.delete(clientOrderId);
    return handle;
  }
}
