import type { Instrument } from '../../../shared/domain/instrument.ts';
import { fail, ok } from '../../../shared/errors.ts';
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
  readonly id: string;
  readonly inProcess = false;
  readonly submitted: OrderRequest[] = [];
  /** Every question a reconciliation asked, in order (`fetchOrder:<id>`, `openOrders`, ...). */
  readonly asked: string[] = [];
  /** Runs before each question is answered: a test delivers a live report there, or fails the question. */
  beforeAnswer: (question: string) => void | Promise<void> = () => undefined;
  readonly #listeners: ((event: VenueEvent) => void)[] = [];
  readonly #submits = new Map<string, Deferred<SubmitResult>>();
  readonly #cancels = new Map<string, Deferred<CancelResult>>();
  readonly #views = new Map<string, VenueOrderSnapshot>();
  #positions: VenuePosition[] = [];
  #balances: VenueBalance[] = [];
  #down: string | null = null;
  #autoCancel = false;

  constructor(id = 'scripted') {
    this.id = id;
  }

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
    if (this.#autoCancel) return Promise.resolve(this.#cancelNow(clientOrderId));
    const { promise, handle } = deferred<CancelResult>();
    this.#cancels.set(clientOrderId, handle);
    return promise;
  }

  async fetchOrder({ clientOrderId }: OrderRef): Promise<VenueOrderSnapshot | null> {
    await this.#ask(`fetchOrder:${clientOrderId}`);
    return this.#views.get(clientOrderId) ?? null;
  }

  async openOrders(): Promise<VenueOrderSnapshot[]> {
    await this.#ask('openOrders');
    return [...this.#views.values()].filter((view) => view.status === 'open');
  }

  async fillsSince(since: number, symbols: readonly string[]): Promise<VenueFill[]> {
    await this.#ask('fillsSince');
    const ofSymbols = [...this.#views.values()].filter((view) => symbols.includes(view.symbol));
    return ofSymbols.flatMap((view) => view.fills).filter((fill) => fill.ts >= since).sort((a, b) => a.ts - b.ts);
  }

  async balances(): Promise<VenueBalance[]> {
    await this.#ask('balances');
    return this.#balances;
  }

  async positions(): Promise<VenuePosition[]> {
    await this.#ask('positions');
    return this.#positions;
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

  setHoldings(holdings: { positions?: VenuePosition[]; balances?: VenueBalance[] }): void {
    this.#positions = holdings.positions ?? this.#positions;
    this.#balances = holdings.balances ?? this.#balances;
  }

  /** While down (a reason given) every question fails as a lost connection does; null brings it back. */
  setDown(reason: string | null): void {
    this.#down = reason;
  }

  /** From now on a cancel is answered at once: the order's view becomes canceled, or the venue refuses one it does not hold open. */
  answerCancelsAtOnce(): void {
    this.#autoCancel = true;
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

  async #ask(question: string): Promise<void> {
    this.asked.push(question);
    await this.beforeAnswer(question);
    if (this.#down !== null) throw new Error(this.#down);
  }

  #cancelNow(clientOrderId: string): CancelResult {
    const view = this.#views.get(clientOrderId);
    if (!view || view.status !== 'open') return fail('REFUSED', 'Unknown order sent');
    this.#views.set(clientOrderId, { ...view, status: 'canceled' });
    return ok(null);
  }

  #take<T>(pending: Map<string, Deferred<T>>, clientOrderId: string): Deferred<T> {
    const handle = pending.get(clientOrderId);
    if (!handle) throw new Error(`No request for ${clientOrderId} is waiting for a reply`);
    pending.delete(clientOrderId);
    return handle;
  }
}
