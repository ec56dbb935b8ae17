import type BetterSqlite3 from 'better-sqlite3';
import type { Candle } from '../../../../shared/domain/candle.ts';
import { insertCandlesBulk, type SeriesKey } from '../../persistence/candles.repository.ts';

const IDLE_POLL_MS = 2;

/**
 * Kysely and this bulk path share one SQLite connection. A synchronous better-sqlite3 transaction
 * started while a Kysely transaction awaits between statements would become a savepoint inside
 * it, so our bars would commit or roll back with someone else's order. Wait until none is open.
 */
async function whenNoTransactionOpen(sqlite: BetterSqlite3.Database): Promise<void> {
  while (sqlite.inTransaction) await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
}

/** Writes bars in one transaction (all or none); bars already stored are kept. Returns how many were new. */
export async function writeCandles(sqlite: BetterSqlite3.Database, key: SeriesKey, candles: readonly Candle[]): Promise<number> {
  if (candles.length === 0) return 0;
  await whenNoTransactionOpen(sqlite);
  return insertCandlesBulk(sqlite, key, candles);
}
