import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Candle } from '../../../shared/domain/candle.ts';
import type { Database } from './database.ts';

export interface SeriesKey {
  venue: string;
  symbol: string;
  timeframe: string;
}

export async function latestCandle(db: Kysely<Database>, key: SeriesKey): Promise<Candle | undefined> {
  return db
    .selectFrom('candles')
    .select(['ts', 'open', 'high', 'low', 'close', 'volume'])
    .where('venue', '=', key.venue)
    .where('symbol', '=', key.symbol)
    .where('timeframe', '=', key.timeframe)
    .orderBy('ts', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest `limit` bars opened before `before` (or the newest overall), oldest first. */
export async function candlesBefore(db: Kysely<Database>, key: SeriesKey, limit: number, before?: number): Promise<Candle[]> {
  let query = db
    .selectFrom('candles')
    .select(['ts', 'open', 'high', 'low', 'close', 'volume'])
    .where('venue', '=', key.venue)
    .where('symbol', '=', key.symbol)
    .where('timeframe', '=', key.timeframe)
    .orderBy('ts', 'desc')
    .limit(limit);
  if (before !== undefined) query = query.where('ts', '<', before);
  return (await query.execute()).reverse();
}

/** SQLite allows 32,766 bound parameters per statement; a candle row binds 9. */
const ROWS_PER_STATEMENT = 3_000;

export async function insertCandles(db: Kysely<Database>, rows: readonly (SeriesKey & Candle)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await db
      .insertInto('candles')
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Rows per prepared multi-row statement: fewer calls across the native boundary. */
const BULK_ROWS = 200;
const bulkSql = (rows: number) =>
  `insert or ignore into candles (venue, symbol, timeframe, ts, open, high, low, close, volume) values ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;

/**
 * Bulk import in one transaction through prepared multi-row statements: the history backfill and
 * imports write hundreds of thousands of bars, where this is about twice Kysely's multi-row insert.
 * Existing bars are kept (a re-import never rewrites history the trader has seen).
 */
export function insertCandlesBulk(sqlite: BetterSqlite3.Database, key: SeriesKey, candles: readonly Candle[]): number {
  const full = sqlite.prepare(bulkSql(BULK_ROWS));
  const params: (string | number)[] = [];
  const bind = (c: Candle) => params.push(key.venue, key.symbol, key.timeframe, c.ts, c.open, c.high, c.low, c.close, c.volume);
  const run = sqlite.transaction(() => {
    let written = 0;
    let i = 0;
    for (; i + BULK_ROWS <= candles.length; i += BULK_ROWS) {
      params.length = 0;
      for (let j = i; j < i + BULK_ROWS; j++) bind(candles[j] as Candle);
      written += full.run(params).changes;
    }
    if (i < candles.length) {
      params.length = 0;
      for (let j = i; j < candles.length; j++) bind(candles[j] as Candle);
      written += sqlite.prepare(bulkSql(candles.length - i)).run(params).changes;
    }
    return written;
  });
  return run();
}

/** One stored series: its key, first and last bar open times (epoch ms) and number of bars. */
export interface StoredSeries extends SeriesKey {
  firstTs: number;
  lastTs: number;
  count: number;
}

/** Every stored series; one pass over the primary key (about 0.1 s per million bars). */
export async function listSeries(db: Kysely<Database>): Promise<StoredSeries[]> {
  const rows = await db
    .selectFrom('candles')
    .select(['venue', 'symbol', 'timeframe', (eb) => eb.fn.min('ts').as('firstTs'), (eb) => eb.fn.max('ts').as('lastTs'), (eb) => eb.fn.countAll().as('count')])
    .groupBy(['venue', 'symbol', 'timeframe'])
    .orderBy('venue')
    .orderBy('symbol')
    .orderBy('timeframe')
    .execute();
  return rows.map((row) => ({ venue: row.venue, symbol: row.symbol, timeframe: row.timeframe, firstTs: Number(row.firstTs), lastTs: Number(row.lastTs), count: Number(row.count) }));
}

/** Removes a whole series; returns how many bars went. */
export async function deleteSeries(db: Kysely<Database>, key: SeriesKey): Promise<number> {
  const result = await db.deleteFrom('candles').where('venue', '=', key.venue).where('symbol', '=', key.symbol).where('timeframe', '=', key.timeframe).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Bars of a series opened in [from, to), oldest first: what a backtest reads. */
export async function candlesBetween(db: Kysely<Database>, key: SeriesKey, from: number, to: number): Promise<Candle[]> {
  return db
    .selectFrom('candles')
    .select(['ts', 'open', 'high', 'low', 'close', 'volume'])
    .where('venue', '=', key.venue)
    .where('symbol', '=', key.symbol)
    .where('timeframe', '=', key.timeframe)
    .where('ts', '>=', from)
    .where('ts', '<', to)
    .orderBy('ts')
    .execute();
}
