import type { Kysely } from 'kysely';
import type { EmergencyLevel } from '../../../shared/contract/risk.ts';
import type { Database } from './database.ts';

export interface StoredStop {
  level: EmergencyLevel;
  since: number;
  by: string;
}

export async function readStop(db: Kysely<Database>): Promise<StoredStop | null> {
  const row = await db.selectFrom('emergencyStop').select(['level', 'since', 'stoppedBy']).where('id', '=', 1).executeTakeFirst();
  return row ? { level: row.level, since: row.since, by: row.stoppedBy } : null;
}

export async function writeStop(db: Kysely<Database>, stop: StoredStop): Promise<void> {
  await db
    .insertInto('emergencyStop')
    .values({ id: 1, level: stop.level, since: stop.since, stoppedBy: stop.by })
    .onConflict((c) => c.column('id').doUpdateSet({ level: stop.level, since: stop.since, stoppedBy: stop.by }))
    .execute();
}

export async function deleteStop(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('emergencyStop').where('id', '=', 1).execute();
}
