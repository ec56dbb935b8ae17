import type { Kysely } from 'kysely';
import type { PlotSeries } from '../../../shared/contract/chart.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import type { Database } from '../persistence/database.ts';
import type { SeriesKey } from '../persistence/candles.repository.ts';
import type { PlotSampler } from './plot-series.ts';

/** Bars read and fed to the strategy per turn of the event loop: a 1d chart's 100,000 minutes never hold the engine's thread at once. */
export const WARM_CHUNK_ROWS = 5_000;

const series = (db: Kysely<Database>, key: SeriesKey) =>
  db.selectFrom('candles').where('venue', '=', key.venue).where('symbol', '=', key.symbol).where('timeframe', '=', key.timeframe);

/** The open time of the `n`-th newest stored bar, or of the oldest when there are fewer. */
async function nthNewestTs(db: Kysely<Database>, key: SeriesKey, n: number): Promise<number | undefined> {
  const nth = await series(db, key).select('ts').orderBy('ts', 'desc').limit(1).offset(n - 1).executeTakeFirst();
  return nth?.ts ?? (await series(db, key).select('ts').orderBy('ts').limit(1).executeTakeFirst())?.ts;
}

/**
 * The plots over the newest `rows` stored bars of `key`: read oldest first in chunks, with a turn
 * of the event loop between chunks so orders and ticks are not held up by a long warm-up.
 */
export async function warmPlots(db: Kysely<Database>, key: SeriesKey, rows: number, sampler: PlotSampler): Promise<PlotSeries[]> {
  let lines = sampler.history([]);
  let from = await nthNewestTs(db, key, rows);
  while (from !== undefined) {
    const chunk: Candle[] = await series(db, key).select(['ts', 'open', 'high', 'low', 'close', 'volume']).where('ts', '>=', from).orderBy('ts').limit(WARM_CHUNK_ROWS).execute();
    lines = sampler.history(chunk, lines);
    if (chunk.length < WARM_CHUNK_ROWS) break;
    from = (chunk.at(-1) as Candle).ts + 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return lines;
}
