import type { AccountReconciliation, Mismatch, ReconcileState } from '../../../../shared/contract/reconcile.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { ReconcileTarget, ReconcileTrigger } from './target.ts';

export interface AccountRunDeps {
  clock: Clock;
  logger: Logger;
  retryFirstMs: number;
  retryMaxMs: number;
  /** Wait before asking again about submits a later run found unknown (they may have been on their way). */
  inFlightGraceMs: number;
  /** One reconciliation pass; `firstRun` until one has succeeded after the start. */
  pass(target: ReconcileTarget, state: { firstRun: boolean; unknownSince: Map<string, number> }): Promise<Mismatch[]>;
}

/** A thrown error's own words, short: venue adapters say plainly what failed (and never put keys in a message). */
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * One account's reconciliation state: runs one at a time (a trigger during a run makes one more
 * run after it, however many arrive), a failed run is retried with a doubling delay, and the
 * account is `ready` for new orders only after a run that no connection loss interrupted.
 */
export class AccountRun {
  readonly target: ReconcileTarget;
  readonly #deps: AccountRunDeps;
  #state: ReconcileState = 'reconciling';
  #reason: string | null = null;
  #mismatches: Mismatch[] = [];
  #lastFinishedAt: number | null = null;
  #nextAttemptAt: number | null = null;
  #running: Promise<AccountReconciliation> | null = null;
  #queued: Promise<AccountReconciliation> | null = null;
  /** Runs and the trader's decisions on this account, one at a time. */
  #tail: Promise<unknown> = Promise.resolve();
  #restored = false;
  readonly #unknownSince = new Map<string, number>();
  #recheck: ReturnType<typeof setTimeout> | null = null;
  #losses = 0;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #waiters = new Set<() => void>();
  #stopped = false;

  /** `reopened`: the account's venue was replaced while the app runs, so its next run is not the start's first. */
  constructor(target: ReconcileTarget, deps: AccountRunDeps, reopened = false) {
    this.target = target;
    this.#deps = deps;
    this.#restored = reopened;
  }

  request(trigger: ReconcileTrigger): Promise<AccountReconciliation> {
    // Blocked from the moment the run is asked for, not from when it starts: no order slips in between.
    if (!this.#stopped) this.#set('reconciling', null);
    if (this.#queued) return this.#queued;
    if (!this.#running) return this.#begin(trigger);
    const queued = this.#running.then(() => {
      this.#queued = null;
      return this.#begin(trigger);
    });
    this.#queued = queued;
    return queued;
  }

  /** The connection was lost or the keys refused: no new order until a later run succeeds. */
  block(reason: string): void {
    this.#losses++;
    this.#deps.logger.warn('Account blocked until it is reconciled again', { accountId: this.target.accountId, reason });
    this.#set('failed', reason);
    if (!this.#running) this.#scheduleRetry();
  }

  ready(signal?: AbortSignal): Promise<void> {
    if (this.#state === 'ready') return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = () => {
        this.#waiters.delete(waiter);
        reject(signal?.reason);
      };
      if (signal?.aborted) return abort();
      this.#waiters.add(waiter);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  admission(): string | null {
    const id = this.target.accountId;
    if (this.#state === 'ready') return null;
    if (this.#state === 'reconciling') return `Account ${id} is being reconciled with its venue; new orders wait until it has finished`;
    const next = this.#nextAttemptAt === null ? '' : ` Next attempt at ${new Date(this.#nextAttemptAt).toISOString().slice(11, 19)} UTC.`;
    return `Account ${id} could not be reconciled with its venue (${this.#reason ?? 'unknown reason'}); new orders wait until it is.${next}`;
  }

  view(): AccountReconciliation {
    return { accountId: this.target.accountId, state: this.#state, reason: this.#reason, lastFinishedAt: this.#lastFinishedAt, nextAttemptAt: this.#nextAttemptAt, mismatches: [...this.#mismatches] };
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** No more runs; resolves once the one under way (if any) has finished writing. */
  stop(): Promise<void> {
    this.#stopped = true;
    this.#clearRetry();
    if (this.#recheck) clearTimeout(this.#recheck);
    return this.#tail.then(() => undefined);
  }

  #begin(trigger: ReconcileTrigger): Promise<AccountReconciliation> {
    const running: Promise<AccountReconciliation> = this.exclusive(() => this.#run(trigger)).finally(() => {
      if (this.#running === running) this.#running = null;
    });
    this.#running = running;
    return running;
  }

  async #run(trigger: ReconcileTrigger): Promise<AccountReconciliation> {
    if (this.#stopped) return this.view();
    this.#clearRetry();
    this.#set('reconciling', null);
    const losses = this.#losses;
    try {
      const mismatches = await this.#deps.pass(this.target, { firstRun: !this.#restored, unknownSince: this.#unknownSince });
      this.#restored = true;
      if (this.#losses !== losses) throw new Error('the connection to the venue was lost during the reconciliation');
      this.#mismatches = mismatches;
      this.#attempt = 0;
      this.#lastFinishedAt = this.#deps.clock.now();
      this.#set('ready', null);
      if (this.#unknownSince.size > 0) this.#scheduleRecheck();
      if (mismatches.length > 0) this.#deps.logger.warn('Reconciliation found differences for the trader to settle', { accountId: this.target.accountId, trigger, mismatches: mismatches.length });
    } catch (error) {
      this.#deps.logger.warn('Reconciliation failed; it will be tried again', { accountId: this.target.accountId, trigger, error: reasonOf(error) });
      this.#set('failed', reasonOf(error));
      this.#scheduleRetry();
    }
    return this.view();
  }

  #set(state: ReconcileState, reason: string | null): void {
    this.#state = state;
    this.#reason = reason;
    if (state !== 'ready') return;
    for (const waiter of this.#waiters) waiter();
    this.#waiters.clear();
  }

  #scheduleRetry(): void {
    if (this.#stopped || this.#retry) return;
    const delay = Math.min(this.#deps.retryMaxMs, this.#deps.retryFirstMs * 2 ** this.#attempt);
    this.#attempt++;
    this.#nextAttemptAt = this.#deps.clock.now() + delay;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.request('retry');
    }, delay);
    this.#retry.unref?.();
  }

  /** Submits the venue did not know yet are asked about again once their grace has passed. */
  #scheduleRecheck(): void {
    if (this.#stopped || this.#recheck) return;
    this.#recheck = setTimeout(() => {
      this.#recheck = null;
      void this.request('retry');
    }, this.#deps.inFlightGraceMs);
    this.#recheck.unref?.();
  }

  #clearRetry(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    this.#nextAttemptAt = null;
  }
}
