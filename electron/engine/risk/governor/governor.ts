import type { Kysely } from 'kysely';
import { RiskLimitsSchema, type AccountRiskLimits, type GovernorAccount, type RiskLimits } from '../../../../shared/contract/risk-limits.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { AccountMarket } from '../../accounts/account-funds.ts';
import { findAccount, listAccounts, type AccountRow } from '../../accounts/accounts.repository.ts';
import { readTotals } from '../../accounts/balances.repository.ts';
import { currencyMarks, equityOf } from '../../accounts/valuation.ts';
import { appendAudit } from '../../persistence/audit.repository.ts';
import type { Database } from '../../persistence/database.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { evaluateLossLocks, type LossFigures } from './account-locks.ts';
import { DrawdownFolds } from './equity-figures.ts';
import { addsRisk, loadBook } from './book.ts';
import { entryRefusal } from './entry-rules.ts';
import { worstCaseExposure } from './exposure.ts';
import { accountStatus } from './governor-status.ts';
import { quoteMarks } from './quote-marks.ts';
import { readAllLimits, readLimits, writeLimits } from './limits.repository.ts';
import { liftLocks, locksInForce } from './locks.repository.ts';
import { stalePriceReason } from './messages.ts';
import type { PriceFreshness } from './price-freshness.ts';

/** Every limit off: what an account has until the trader sets one. */
export const LIMITS_OFF: RiskLimits = RiskLimitsSchema.parse({});

export interface GovernorDeps {
  db: Kysely<Database>;
  /** Market time: equity is recorded, and the day counted, in it. */
  marketClock: Clock;
  /** Wall time, for the audit log. */
  clock: Clock;
  market: AccountMarket;
  freshness: PriceFreshness;
  logger: Logger;
  /** Tells the trader a lock engaged (alerts centre, desktop, Telegram). */
  onLocked: (title: string, body: string) => void;
}

/**
 * The account-wide risk governor: limits across every bot and signal source, per account. Its
 * entry check runs inside each order's write-ahead transaction (one at a time), so orders placed
 * together are counted one after the other and cannot slip under a limit together.
 */
export class Governor {
  readonly #deps: GovernorDeps;
  readonly #drawdowns = new DrawdownFolds();
  #watching: NodeJS.Timeout | null = null;
  #look: Promise<void> | null = null;

  constructor(deps: GovernorDeps) {
    this.#deps = deps;
  }

  /** The EntryChecks rule: a refusal a trader reads, or null. */
  readonly check = async (trx: Kysely<Database>, order: Order): Promise<string | null> => {
    const stored = await readLimits(trx, order.venue);
    const account = stored ? await findAccount(trx, order.venue) : undefined;
    if (!stored || !account) return null;
    const book = await loadBook(trx, account.id);
    if (!addsRisk(order, book)) return null;
    const figures = await this.#lossFigures(trx, account, stored.limits);
    const { lastPrice } = this.#deps.market;
    const refusal = entryRefusal({ order, book, limits: stored.limits, currency: account.currency, figures, lastPrice, quoteMark: quoteMarks(account.currency, this.#deps.market), freshness: this.#deps.freshness });
    if (refusal) this.#deps.logger.warn('The risk governor refused an entry', { accountId: account.id, clientOrderId: order.clientOrderId, reason: refusal });
    return refusal;
  };

  /**
   * Why a bot on this account and symbol cannot enter now, as the bots list shows it: a loss or
   * drawdown lock in force (its reason carries its end), or a price too old to check the limits.
   * Read only: locks are engaged by entries and by the watcher.
   */
  async entryBlock(accountId: string, symbol: string): Promise<string | null> {
    const stored = await readLimits(this.#deps.db, accountId);
    if (!stored) return null;
    const [lock] = await locksInForce(this.#deps.db, accountId, this.#deps.marketClock.now());
    if (lock) return lock.reason;
    const maxAge = stored.limits.maxPriceAgeSeconds;
    const age = this.#deps.freshness.ageMs(symbol);
    return maxAge !== null && (age === null || age > maxAge * 1000) ? stalePriceReason(symbol, age, maxAge) : null;
  }

  async limits(): Promise<AccountRiskLimits[]> {
    const stored = await readAllLimits(this.#deps.db);
    return (await listAccounts(this.#deps.db)).map((a) => ({ accountId: a.id, currency: a.currency, limits: stored.get(a.id)?.limits ?? LIMITS_OFF, updatedAt: stored.get(a.id)?.updatedAt ?? null }));
  }

  /** Stores the account's limits; a daily loss lock in force is ended, to be judged again against the new limit at the next entry. */
  async setLimits(accountId: string, limits: RiskLimits): Promise<Result<AccountRiskLimits>> {
    const { db, clock, marketClock } = this.#deps;
    const account = await findAccount(db, accountId);
    if (!account) return fail('NOT_FOUND', `No account ${accountId}`, [{ path: ['accountId'], message: 'No such account' }]);
    const unsupported = lossLimitsUnsupported(account, limits);
    if (unsupported) return unsupported;
    const updatedAt = clock.now();
    await db.transaction().execute(async (trx) => {
      await writeLimits(trx, accountId, limits, updatedAt);
      await liftLocks(trx, accountId, 'daily_loss', marketClock.now(), 'limits changed');
      await appendAudit(trx, updatedAt, { action: 'risk.setLimits', entity: 'account', entityId: accountId, detail: { limits } });
    });
    return ok({ accountId, currency: account.currency, limits, updatedAt });
  }

  /** The trader lifts the account's drawdown lock: the peak is counted again from now. */
  async liftDrawdown(accountId: string): Promise<Result<GovernorAccount>> {
    const { db, clock, marketClock } = this.#deps;
    const account = await findAccount(db, accountId);
    if (!account) return fail('NOT_FOUND', `No account ${accountId}`);
    const lifted = await db.transaction().execute(async (trx) => {
      const count = await liftLocks(trx, accountId, 'drawdown', marketClock.now(), 'trader');
      if (count > 0) await appendAudit(trx, clock.now(), { action: 'risk.liftDrawdownLock', entity: 'account', entityId: accountId, detail: {} });
      return count;
    });
    if (lifted === 0) return fail('CONFLICT', `No drawdown lock is in force on ${accountId}`);
    this.#deps.logger.info('The trader lifted a drawdown lock', { accountId });
    return ok(await this.#statusOf(account));
  }

  /**
   * Looks at every account with limits on a timer, so a loss or drawdown limit locks entries (and
   * the trader hears of it) when it is met, not only at the next entry. Stopped by `close`.
   */
  watch(everyMs: number): void {
    this.#watching ??= setInterval(() => {
      this.#look ??= this.#lookAtLimited().finally(() => {
        this.#look = null;
      });
    }, everyMs);
    this.#watching.unref();
  }

  async close(): Promise<void> {
    if (this.#watching) clearInterval(this.#watching);
    this.#watching = null;
    await this.#look;
  }

  async #lookAtLimited(): Promise<void> {
    try {
      const limited = await readAllLimits(this.#deps.db);
      for (const account of await listAccounts(this.#deps.db)) if (limited.has(account.id)) await this.#statusOf(account);
    } catch (error) {
      this.#deps.logger.error('The risk governor could not look at the accounts’ limits', { error });
    }
  }

  /** Every account's figures against its limits, and the locks in force (engaging any a limit now calls for). */
  async status(): Promise<GovernorAccount[]> {
    return Promise.all((await listAccounts(this.#deps.db)).map((a) => this.#statusOf(a)));
  }

  async #statusOf(account: AccountRow): Promise<GovernorAccount> {
    const { db, market, freshness } = this.#deps;
    return db.transaction().execute(async (trx) => {
      const stored = await readLimits(trx, account.id);
      const limits = stored?.limits ?? LIMITS_OFF;
      const figures = await this.#lossFigures(trx, account, limits);
      const book = await loadBook(trx, account.id);
      const exposure = worstCaseExposure(book, market.lastPrice, quoteMarks(account.currency, market));
      return accountStatus({ account, limits, enforced: stored !== null, figures, book, exposure, freshness });
    });
  }

  async #lossFigures(trx: Kysely<Database>, account: AccountRow, limits: RiskLimits): Promise<LossFigures> {
    const { market, marketClock } = this.#deps;
    const equity = equityOf(await readTotals(trx, account.id, account.epoch), currencyMarks(account.currency, market.instruments, market.lastPrice));
    const figures = await evaluateLossLocks({ trx, account, limits, now: marketClock.now(), equity, drawdowns: this.#drawdowns });
    for (const lock of figures.engaged) {
      const title = lock.kind === 'daily_loss' ? `Daily loss limit reached on ${account.id}` : `Max drawdown exceeded on ${account.id}`;
      this.#deps.logger.warn('The risk governor locked entries', { accountId: account.id, kind: lock.kind, reason: lock.reason });
      this.#deps.onLocked(title, lock.reason);
    }
    return figures;
  }
}

/**
 * An exchange account's balances are the exchange's, not kept in StoxRobot's ledger, so its equity
 * (and a loss or drawdown on it) cannot be counted here yet: such a limit would never trigger, and
 * a limit that silently never triggers is worse than none. Positions and exposure limits work.
 */
function lossLimitsUnsupported(account: AccountRow, limits: RiskLimits): Result<never> | null {
  if (account.kind !== 'exchange') return null;
  const message = 'Daily loss and drawdown limits need the account’s equity, which StoxRobot does not keep for exchange accounts yet; leave them off (positions and exposure limits work)';
  const issues = (['dailyLossLimit', 'maxDrawdownPct'] as const).filter((key) => limits[key] !== null).map((key) => ({ path: ['limits', key], message }));
  return issues.length > 0 ? fail('INVALID_INPUT', message, issues) : null;
}
