import type BetterSqlite3 from 'better-sqlite3';
import { type CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';

/**
 * SQLite's dialect with two changes at the one place every query passes:
 * - every failed query is reported (`onQueryError`), so a full disk is noticed whichever write meets it;
 * - ROLLBACK is skipped when SQLite has already ended the transaction itself, as it does on
 *   SQLITE_FULL, I/O errors and out-of-memory: a ROLLBACK then fails with "cannot rollback - no
 *   transaction is active", and Kysely would throw that instead of the error that caused it.
 */
export class GuardedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #sqlite: BetterSqlite3.Database;
  readonly #onQueryError: (error: unknown) => void;

  constructor(config: SqliteDialectConfig, sqlite: BetterSqlite3.Database, onQueryError: (error: unknown) => void) {
    super(config);
    this.#config = config;
    this.#sqlite = sqlite;
    this.#onQueryError = onQueryError;
  }

  override createDriver(): Driver {
    return new GuardedSqliteDriver(this.#config, this.#sqlite, this.#onQueryError);
  }
}

class GuardedSqliteDriver extends SqliteDriver {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #onQueryError: (error: unknown) => void;
  #connection: DatabaseConnection | null = null;

  constructor(config: SqliteDialectConfig, sqlite: BetterSqlite3.Database, onQueryError: (error: unknown) => void) {
    super(config);
    this.#sqlite = sqlite;
    this.#onQueryError = onQueryError;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#connection) return this.#connection;
    const inner = await super.acquireConnection();
    const report = (error: unknown): never => {
      this.#onQueryError(error);
      throw error;
    };
    const connection: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery) => inner.executeQuery<R>(query).catch(report),
      streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
    };
    this.#connection = connection;
    return connection;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}
