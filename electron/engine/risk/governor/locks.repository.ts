import type { Kysely, Selectable } from 'kysely';
import type { Database, RiskGovernorLocksTable } from '../../persistence/database.ts';

export type StoredLock = Selectable<RiskGovernorLocksTable>;
export type LockKind = StoredLock['kind'];

/** Locks in force at `now`: not lifted, and (daily loss) not past their end. */
export async function locksInForce(db: Kysely<Database>, accountId: string, now: number): Promise<StoredLock[]> {
  return db
    .selectFrom('riskGovernorLocks')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('liftedAt', 'is', null)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .orderBy('id')
    .execute();
}

export async function insertLock(db: Kysely<Database>, lock: Omit<StoredLock, 'id' | 'liftedAt' | 'liftedBy'>): Promise<void> {
  await db.insertInto('riskGovernorLocks').values({ ...lock, liftedAt: null, liftedBy: null }).execute();
}

/** Ends the account's locks of one kind now; returns how many were in force. */
export async function liftLocks(db: Kysely<Database>, accountId: string, kind: LockKind, at: number, by: string): Promise<number> {
  const result = await db
    .updateTable('riskGovernorLocks')
    .set({ liftedAt: at, liftedBy: by })
    .where('accountId', '=', accountId)
    .where('kind', '=', kind)
    .where('liftedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** When the trader last lifted a drawdown lock: the peak is counted again from then. */
export async function lastDrawdownLift(db: Kysely<Database>, accountId: string): Promise<number | null> {
  const row = await db.selectFrom('riskGovernorLocks').select((eb) => eb.fn.max('liftedAt').as('at')).where('accountId', '=', accountId).where('kind', '=', 'drawdown').executeTakeFirst();
  return row?.at ?? null;
}
