import { type Kysely, sql } from 'kysely';
import type { Candle } from '../../../shared/domain/candle.ts';
import type { Database } from '../persistence/database.ts';
import type { SeriesKey } from '../persistence/candles.repository.ts';

/**
 * The stored bars of `key` opened in [from, to), grouped into buckets of `bucketMs` by SQLite
 * itself: the rows never become JavaScript objects, so a 1d page over 100,000 minutes holds the
 * engine's thread a few milliseconds instead of a hundred. Same rules as `aggregateCandles`
 * (first open, highest high, lowest low, last close, summed volume; empty buckets left out);
 * open and close are read by primary key at each bucket's first and last minute.
 */
export async function bucketedCandles(db: Kysely<Database>, key: SeriesKey, bucketMs: number, from: number, to: number): Promise<Candle[]> {
  // ((ts % ms) + ms) % ms: SQLite's % truncates toward zero, and a bar before 1970 still belongs to the bucket below it.
  const { rows } = await sql<Candle>`
    with b as (
      select ts - ((ts % ${bucketMs}) + ${bucketMs}) % ${bucketMs} as bucket, min(ts) as first_ts, max(ts) as last_ts, max(high) as high, min(low) as low, sum(volume) as volume
      from candles
      where venue = ${key.venue} and symbol = ${key.symbol} and timeframe = ${key.timeframe} and ts >= ${from} and ts < ${to}
      group by bucket
    )
    select b.bucket as ts, o.open as open, b.high as high, b.low as low, c.close as close, b.volume as volume
    from b
    join candles o on o.venue = ${key.venue} and o.symbol = ${key.symbol} and o.timeframe = ${key.timeframe} and o.ts = b.first_ts
    join candles c on c.venue = ${key.venue} and c.symbol = ${key.symbol} and c.timeframe = ${key.timeframe} and c.ts = b.last_ts
    order by b.bucket`.execute(db);
  return rows;
}
