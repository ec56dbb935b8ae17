import type { Kysely, Selectable } from 'kysely';
import type { LockRule, RiskLock } from '../../../../shared/contract/risk-locks.ts';
import type { Database, RiskLocksTable } from '../../persistence/database.ts';
import { ALL_SYMBOLS } from './lock-words.ts';
import type { LockProposal } from './protection-rules.ts';

type LockRow = Selectable<RiskLocksTable>;

export function toRiskLock(row: LockRow, now: number): RiskLock {
  return { ...row, symbol: row.symbol === ALL_SYMBOLS ? null : row.symbol, active: row.liftedAt === null && now < row.until };
}

/** Stores the lock unless this rule already locked this scope for this close; the stored row when new, else null. */
export async function insertLock(db: Kysely<Database>, accountId: string, lock: LockProposal): Promise<LockRow | null> {
  const row = await db
    .insertInto('riskLocks')
    .values({ accountId, ...lock, liftedAt: null, liftedBy: null })
    .onConflict((oc) => oc.columns(['accountId', 'symbol', 'rule', 'since']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** When this rule last locked this scope (lifted or not), so the trades behind it are not counted again. */
export async function lastLockSince(db: Kysely<Database>, accountId: string, symbol: string, rule: LockRule): Promise<number | null> {
  const row = await db.selectFrom('riskLocks').select((eb) => eb.fn.max('since').as('since')).where('accountId', '=', accountId).where('symbol', '=', symbol).where('rule', '=', rule).executeTakeFirst();
  return row?.since ?? null;
}

/** The lock holding `symbol` (or every symbol) of the account at `now` that ends last; null when none holds. */
export async function holdingLock(db: Kysely<Database>, accountId: string, symbol: string, now: number): Promise<LockRow | null> {
  const row = await db
    .selectFrom('riskLocks')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('symbol', 'in', [symbol, ALL_SYMBOLS])
    .where('liftedAt', 'is', null)
    // Not `since <= now`: an exchange's fill time may run ahead of our clock, and its lock holds from the moment it is stored.
    .where('until', '>', now)
    .orderBy('until', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Every lock still holding, then those that ended or were lifted after `recentAfter`; newest first. */
export async function listLocks(db: Kysely<Database>, filter: { accountId?: string | undefined; recentAfter: number; limit: number }): Promise<LockRow[]> {
  let query = db
    .selectFrom('riskLocks')
    .selectAll()
    .where((eb) => eb.or([eb('until', '>', filter.recentAfter), eb('liftedAt', '>', filter.recentAfter)]))
    .orderBy('since', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.accountId !== undefined) query = query.where('accountId', '=', filter.accountId);
  return query.execute();
}

export async function findLock(db: Kysely<Database>, id: number): Promise<LockRow | null> {
  return (await db.selectFrom('riskLocks').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Lifts a lock not lifted yet; says whether this call lifted it. */
export async function markLifted(db: Kysely<Database>, id: number, at: number, by: string): Promise<boolean> {
  const result = await db.updateTable('riskLocks').set({ liftedAt: at, liftedBy: by }).where('id', '=', id).where('liftedAt', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
