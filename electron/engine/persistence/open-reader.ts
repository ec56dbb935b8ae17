import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.ts';

/**
 * A second, read-only connection to the engine's database, for the history and its exports. In
 * WAL mode it reads the last committed state while the writer goes on: a long read never holds
 * the connection every order commits on, and a write never waits for a page to be read. Opened
 * after the writer has run the migrations, so the schema is the current one.
 */
export function openReader(file: string): { reads: Kysely<Database>; sqlite: BetterSqlite3.Database; close(): Promise<void> } {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const reads = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  return {
    reads,
    // Exports run their compiled queries on the handle itself, row by row (better-sqlite3 `.iterate()`).
    sqlite,
    // Kysely closes the handle only if it ever used it: one never queried is closed here.
    close: async () => {
      await reads.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}
