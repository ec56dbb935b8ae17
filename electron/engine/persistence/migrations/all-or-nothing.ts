import { type Kysely, sql } from 'kysely';

/**
 * Kysely runs SQLite migrations outside a transaction: a migration's steps run inside one savepoint,
 * so a failure half-way (a full disk, a bad row) leaves the database as it was before the migration.
 * `name` is the savepoint's: a plain identifier.
 */
export async function allOrNothing(db: Kysely<unknown>, name: string, work: () => Promise<void>): Promise<void> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`Savepoint name ${name} must be lower-case letters and _`);
  await sql.raw(`savepoint ${name}`).execute(db);
  try {
    await work();
    await sql.raw(`release ${name}`).execute(db);
  } catch (error) {
    await sql.raw(`rollback to ${name}`).execute(db);
    await sql.raw(`release ${name}`).execute(db);
    throw error;
  }
}
