import { type Kysely, sql } from 'kysely';
import type { Database } from '../persistence/database.ts';

async function pragmaNumber(db: Kysely<Database>, pragma: string): Promise<number> {
  const row = (await sql.raw<Record<string, number>>(`pragma ${pragma}`).execute(db)).rows[0];
  return Number(Object.values(row ?? {})[0]);
}

/**
 * Fills the disk as SQLite sees it, exactly: no free page inside the file (VACUUM) and no page
 * beyond it (`max_page_count` on the engine's own connection). Any write that needs a new page
 * then fails with SQLITE_FULL; rows that still fit into a page's free room are written, as on a real disk.
 */
export async function fillDisk(db: Kysely<Database>): Promise<void> {
  // One reserved connection: no write of the engine's can slip in between the vacuum and the cap.
  await db.connection().execute(async (connection) => {
    await sql`vacuum`.execute(connection);
    await sql.raw(`pragma max_page_count = ${await pragmaNumber(connection, 'page_count')}`).execute(connection);
  });
}

/** Gives the space back. */
export async function freeDisk(db: Kysely<Database>): Promise<void> {
  await sql`pragma max_page_count = 1073741823`.execute(db);
}

export async function integrityCheck(db: Kysely<Database>): Promise<string> {
  const rows = (await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(db)).rows;
  return rows.map((r) => r.integrityCheck).join('; ');
}

/** Waits (in small steps, a bounded number of times) until `ready` holds; fails with `what` otherwise. */
export async function until(ready: () => boolean | Promise<boolean>, what: string, attempts = 400): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
