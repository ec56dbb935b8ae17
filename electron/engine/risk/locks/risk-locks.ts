import type { Kysely, Selectable } from 'kysely';
import type { Order } from '../../../../shared/domain/order.ts';
import type { ProtectionConfig, RiskLock } from '../../../../shared/contract/risk-locks.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { EventBus } from '../../event-bus.ts';
import { appendAudit } from '../../persistence/audit.repository.ts';
import type { Database, RiskLocksTable } from '../../persistence/database.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { recentlyClosed } from './closed-trades.ts';
import { evaluateLocks } from './evaluate-locks.ts';
import { lockedMessage, lockedScope, utcTime } from './lock-words.ts';
import { findLock, holdingLock, listLocks, markLifted, toRiskLock } from './locks.repository.ts';
import { anyEnabled, readProtections, writeProtections } from './protection-settings.ts';
import { MINUTE_MS } from './protection-rules.ts';

/** Ended or lifted locks stay in the list this long, so the trader sees what just happened. */
const RECENT_MS = 24 * 60 * MINUTE_MS;
const LIST_LIMIT = 200;
/** The longest window a protection may look back (30 days): closes older than that cannot lock anything. */
const LONGEST_WINDOW_MS = 43_200 * MINUTE_MS;

export interface RiskLocksDeps {
  db: Kysely<Database>;
  /** Market time: the clock fills (and so closed trades) are stamped with. */
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  /** Told once per new lock. */
  onLocked: (title: string, body: string) => void;
}

/**
 * freqtrade's protections per account: closed trades set locks (stored, so they outlive a restart),
 * and an entry is refused while a lock holds its symbol or its whole account. Locks are evaluated
 * as trades close (from order updates) and again inside each entry's own transaction, so an entry
 * placed right after the close that locks its symbol is refused even before the update is handled.
 */
export class RiskLocks {
  readonly #deps: RiskLocksDeps;
  /** Evaluations after order updates run one at a time, in the order the updates came. */
  #queue: Promise<void> = Promise.resolve();

  constructor(deps: RiskLocksDeps) {
    this.#deps = deps;
  }

  /** The entry rule: a refusal a trader reads while a lock holds the order's symbol or account; null otherwise. */
  readonly entryRefusal = async (trx: Kysely<Database>, order: Order): Promise<string | null> => {
    const now = this.#deps.clock.now();
    await this.#evaluate(trx, order.venue, order.symbol, now);
    const lock = await holdingLock(trx, order.venue, order.symbol, now);
    return lock ? lockedMessage(lock, now) : null;
  };

  /** After an order's fill is committed, its account's protections look at the close it may have made. */
  readonly orderUpdated = (order: Order): void => {
    if (order.filledQty <= 0) return;
    this.#queue = this.#queue
      .then(() => this.#evaluate(this.#deps.db, order.venue, order.symbol, this.#deps.clock.now()))
      .catch((error: unknown) => this.#deps.logger.error('Protections could not look at a closed trade; the next entry looks again', { accountId: order.venue, symbol: order.symbol, error }));
  };

  /** At start: closes made just before a crash (whose update was never handled) set their locks now. */
  async restore(): Promise<void> {
    const now = this.#deps.clock.now();
    for (const { venue, symbol } of await recentlyClosed(this.#deps.db, now - LONGEST_WINDOW_MS)) await this.#evaluate(this.#deps.db, venue, symbol, now);
  }

  /** Resolves once every evaluation queued so far has run. */
  settled(): Promise<void> {
    return this.#queue;
  }

  async list(accountId?: string): Promise<RiskLock[]> {
    const now = this.#deps.clock.now();
    return (await listLocks(this.#deps.db, { accountId, recentAfter: now - RECENT_MS, limit: LIST_LIMIT })).map((row) => toRiskLock(row, now));
  }

  /** Only the trader lifts a lock by hand; lifting one already lifted or ended changes nothing. */
  async lift(id: number, by = 'trader'): Promise<Result<RiskLock>> {
    const { db, clock, bus } = this.#deps;
    const now = clock.now();
    const lock = await findLock(db, id);
    if (!lock) return fail('NOT_FOUND', `No lock with id ${id}`);
    const lifted = await db.transaction().execute(async (trx) => {
      if (!(await markLifted(trx, id, now, by))) return false;
      await appendAudit(trx, now, { action: 'risk.lock_lifted', entity: 'risk_lock', entityId: String(id), detail: { accountId: lock.accountId, symbol: lock.symbol, rule: lock.rule, until: lock.until, by } });
      return true;
    });
    if (lifted) bus.emit('change', { topic: 'risk' });
    return ok(toRiskLock((await findLock(db, id)) ?? lock, now));
  }

  protections(accountId: string): Promise<ProtectionConfig> {
    return readProtections(this.#deps.db, accountId);
  }

  async setProtections(accountId: string, config: ProtectionConfig): Promise<Result<ProtectionConfig>> {
    const { db, clock, bus } = this.#deps;
    const account = await db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
    if (!account) return fail('NOT_FOUND', `No account ${accountId}: protections are set on an existing account`);
    await db.transaction().execute(async (trx) => {
      await writeProtections(trx, accountId, config);
      await appendAudit(trx, clock.now(), { action: 'risk.protections_set', entity: 'account', entityId: accountId, detail: { config } });
    });
    bus.emit('change', { topic: 'risk' });
    return ok(config);
  }

  /** Why an account's symbol takes no entry now (a lock holds it), or null. */
  async lockRefusal(accountId: string, symbol: string): Promise<string | null> {
    const now = this.#deps.clock.now();
    const lock = await holdingLock(this.#deps.db, accountId, symbol, now);
    return lock ? lockedMessage(lock, now) : null;
  }

  async #evaluate(db: Kysely<Database>, accountId: string, symbol: string, now: number): Promise<void> {
    const config = await readProtections(db, accountId);
    if (!anyEnabled(config)) return;
    const stored = await evaluateLocks(db, accountId, symbol, config, now);
    for (const lock of stored) this.#announce(lock, now);
  }

  #announce(lock: Selectable<RiskLocksTable>, now: number): void {
    const { logger, bus, onLocked } = this.#deps;
    logger.warn('Entries locked by a protection', { accountId: lock.accountId, symbol: lock.symbol, rule: lock.rule, until: lock.until });
    bus.emit('change', { topic: 'risk' });
    try {
      onLocked(`${lockedScope(lock.accountId, lock.symbol)} locked until ${utcTime(lock.until, now)}`, lockedMessage(lock, now));
    } catch (error) {
      logger.error('A risk lock could not be notified', { error });
    }
  }
}
