import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const MAX_STATEMENTS = 256;

/**
 * Kysely's SQLite driver prepares every query anew; preparing cost a third of the order path's
 * time. This hands it the same prepared statement for the same SQL text (least recently used
 * dropped past a bound, since multi-row inserts make many shapes). Safe because better-sqlite3 is
 * synchronous and Kysely never streams our queries: a statement is never in use twice at once.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
