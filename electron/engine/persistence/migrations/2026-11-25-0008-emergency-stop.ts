import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'emergency_stop', () => createEmergencyStop(db));
}

/**
 * The emergency stop in force, if any: at most one row (id 1). It outlives crashes and restarts,
 * and only the trader's lift deletes it; its history is in the audit log.
 */
async function createEmergencyStop(db: Kysely<unknown>): Promise<void> {
  await sql`create table emergency_stop (
    id integer primary key check (id = 1),
    level text not null check (level in ('block', 'cancel', 'flatten')),
    since integer not null,
    stopped_by text not null check (length(stopped_by) between 1 and 32)
  )`.execute(db);
}
