import type { Kysely } from 'kysely';
import type { AccountReconciliation, Mismatch, ResolveMismatch } from '../../../../shared/contract/reconcile.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { Database } from '../../persistence/database.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { VenueEvent } from '../../venues/venue.ts';
import { resolveMismatch } from './decisions.ts';
import { reconcileAccount } from './reconcile-account.ts';
import { AccountRun } from './account-run.ts';
import type { ReconcileTarget, ReconcileTrigger } from './target.ts';

export interface ReconcilerDeps {
  db: Kysely<Database>;
  /** Wall time: retries, statuses and the audit are stamped with it. */
  clock: Clock;
  logger: Logger;
  /** First retry after a failed run, doubling up to `retryMaxMs`. */
  retryFirstMs?: number;
  retryMaxMs?: number;
  unknownGraceMs?: number;
  /** After the first run, a submit the venue does not know is rejected only once unknown this long. */
  inFlightGraceMs?: number;
  fillsMarginMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Keeps every account in line with its venue: reconciles at start, after the venue's connection is
 * restored, after the computer wakes or the wall clock jumps, and on the trader's request. Runs of
 * one account never overlap (triggers that arrive meanwhile make one more run). The mismatches
 * are recomputed by every run rather than stored: the venue is the truth, a stored list would go
 * stale while the app is down, and every decision changes the ledger so that it is not found again.
 */
export class Reconciler {
  readonly #accounts = new Map<string, AccountRun>();
  /** `ready` calls for accounts not registered yet, woken when they are. */
  readonly #awaited = new Map<string, Set<() => void>>();
  readonly #deps: Required<ReconcilerDeps>;
  /** Accounts registered before in this process: a submit made through their old venue may still be on its way. */
  readonly #registered = new Set<string>();

  constructor(deps: ReconcilerDeps) {
    this.#deps = { retryFirstMs: 1_000, retryMaxMs: 60_000, unknownGraceMs: 3_000, inFlightGraceMs: 60_000, fillsMarginMs: 10 * 60_000, ...deps };
  }

  /** Takes on an account and starts its first reconciliation; resolves when that run has ended (ready or failed). */
  register(target: ReconcileTarget): Promise<AccountReconciliation> {
    if (this.#accounts.has(target.accountId)) throw new Error(`Account ${target.accountId} is already reconciled`);
    const account = new AccountRun(target, { ...this.#deps, pass: (t, state) => this.#pass(t, state) }, this.#registered.has(target.accountId));
    this.#registered.add(target.accountId);
    this.#accounts.set(target.accountId, account);
    target.venue.onEvent((event) => this.#onVenueEvent(account, event));
    const run = account.request('start');
    for (const wake of this.#awaited.get(target.accountId) ?? []) wake();
    this.#awaited.delete(target.accountId);
    return run;
  }

  /** The account was removed: no more runs or retries; resolves once a run under way has finished. */
  async unregister(accountId: string): Promise<void> {
    const account = this.#accounts.get(accountId);
    this.#accounts.delete(accountId);
    await account?.stop();
  }

  reconcile(accountId: string, trigger: ReconcileTrigger): Promise<Result<AccountReconciliation>> {
    const account = this.#accounts.get(accountId);
    if (!account) return Promise.resolve(fail('NOT_FOUND', `No account ${accountId} to reconcile`));
    return account.request(trigger).then(ok);
  }

  /** Every account, at once (the computer woke, the clock jumped). */
  async reconcileAll(trigger: ReconcileTrigger): Promise<void> {
    await Promise.all([...this.#accounts.values()].map((account) => account.request(trigger)));
  }

  /** Resolves once the account's reconciliation has finished; an account not registered yet waits for it. */
  async ready(accountId: string, signal?: AbortSignal): Promise<void> {
    if (!this.#accounts.has(accountId)) await this.#registration(accountId, signal);
    await this.#accounts.get(accountId)?.ready(signal);
  }

  /** Why a bot may not place an order on the account now, or null when it may. */
  admission(accountId: string): string | null {
    const account = this.#accounts.get(accountId);
    return account ? account.admission() : `Account ${accountId} has not been reconciled with its venue yet`;
  }

  status(accountId: string): AccountReconciliation | null {
    return this.#accounts.get(accountId)?.view() ?? null;
  }

  list(): AccountReconciliation[] {
    return [...this.#accounts.values()].map((a) => a.view()).sort((a, b) => a.accountId.localeCompare(b.accountId));
  }

  /** Applies the trader's decision on one listed mismatch, then reconciles the account again. */
  async resolve(input: ResolveMismatch): Promise<Result<AccountReconciliation>> {
    const account = this.#accounts.get(input.accountId);
    if (!account) return fail('NOT_FOUND', `No account ${input.accountId} to reconcile`);
    const mismatch: Mismatch | undefined = account.view().mismatches.find((m) => m.id === input.mismatchId);
    if (!mismatch) return fail('NOT_FOUND', 'This difference is no longer listed: the account was reconciled since. Look at the list again.');
    if (!mismatch.actions.includes(input.action)) return fail('REFUSED', `“${input.action}” is not possible for this difference; possible: ${mismatch.actions.join(', ')}`);
    const { db, clock } = this.#deps;
    const done = await account.exclusive(() => resolveMismatch({ db, clock, target: account.target }, mismatch, input.action, input.botId));
    if (!done.ok) return done;
    return ok(await account.request('decision'));
  }

  /** Stops retries (the engine is stopping) and waits for the runs under way, so none writes after the database closes. */
  async stop(): Promise<void> {
    await Promise.all([...this.#accounts.values()].map((account) => account.stop()));
  }

  #pass(target: ReconcileTarget, state: { firstRun: boolean; unknownSince: Map<string, number> }): Promise<Mismatch[]> {
    const { db, clock, logger, unknownGraceMs, inFlightGraceMs, fillsMarginMs } = this.#deps;
    return reconcileAccount(target, { db, clock, logger, unknownGraceMs, inFlightGraceMs, fillsMarginMs, sleep, ...state });
  }

  #registration(accountId: string, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiting = this.#awaited.get(accountId) ?? new Set<() => void>();
      this.#awaited.set(accountId, waiting);
      const abort = () => {
        waiting.delete(resolve);
        reject(signal?.reason);
      };
      if (signal?.aborted) return abort();
      waiting.add(resolve);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  #onVenueEvent(account: AccountRun, event: VenueEvent): void {
    if (event.kind !== 'connection') return;
    const why = event.reason ? `: ${event.reason}` : '';
    if (event.state === 'restored') void account.request('reconnect');
    else if (event.state === 'lost') account.block(`the connection to the venue was lost${why}`);
    else account.block(`the venue refused the account’s API keys${why}; check them on the Accounts page`);
  }
}
