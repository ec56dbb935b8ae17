import type { Kysely } from 'kysely';
import type { Candle } from '../../../shared/domain/candle.ts';
import { CHART_TIMEFRAME_MS, type ChartTimeframe } from '../../../shared/contract/chart.ts';
import type { Database } from '../persistence/database.ts';
import { candlesBefore } from '../persistence/candles.repository.ts';
import { bucketStart } from './candle-aggregation.ts';
import { bucketedCandles } from './candle-buckets.sql.ts';

/** The stored series every chart timeframe is built from. */
export const BASE_TIMEFRAME = '1m';
export const BASE_MS = CHART_TIMEFRAME_MS['1m'];

/** At most this many 1-minute rows per page (about 70 days): a 1d page of 1000 bars would otherwise read 1.4 million rows. */
export const MAX_BASE_ROWS_PER_PAGE = 100_000;

export interface ChartSeriesKey {
  venue: string;
  symbol: string;
}

/** How many buckets of `timeframe` one page may hold within the row budget. */
export const bucketsPerPage = (timeframe: ChartTimeframe, limit: number): number => Math.max(1, Math.min(limit, Math.floor((MAX_BASE_ROWS_PER_PAGE * BASE_MS) / CHART_TIMEFRAME_MS[timeframe])));

/**
 * The newest bars of `timeframe` opened before `before` (epoch ms), oldest first, built from the
 * stored 1-minute bars. A page starts from the newest stored minute, so a long gap in the data
 * never yields an empty page while older bars exist. A bucket opened before `before` is read whole.
 */
export async function chartCandlesBefore(db: Kysely<Database>, key: ChartSeriesKey, timeframe: ChartTimeframe, limit: number, before?: number): Promise<Candle[]> {
  const base = { ...key, timeframe: BASE_TIMEFRAME };
  if (timeframe === BASE_TIMEFRAME) return candlesBefore(db, base, limit, before);
  const [newest] = await candlesBefore(db, base, 1, before);
  if (!newest) return [];
  const bucketMs = CHART_TIMEFRAME_MS[timeframe];
  const end = bucketStart(newest.ts, bucketMs) + bucketMs;
  return bucketedCandles(db, base, bucketMs, end - bucketsPerPage(timeframe, limit) * bucketMs, end);
}
