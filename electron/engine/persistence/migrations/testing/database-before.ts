import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { tempDir } from '../../../testing/temp-dir.ts';
import { migrations } from '../index.ts';

/** A database file as the app left it before `migration` (every earlier one run, same pragmas as openDatabase), open for the test to fill. */
export async function databaseBefore(migration: string): Promise<{ file: string; sqlite: BetterSqlite3.Database }> {
  const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < migration));
  const file = join(tempDir(), 'old.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => earlier } }).migrateToLatest();
  if (error) throw error;
  return { file, sqlite };
}
