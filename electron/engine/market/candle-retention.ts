import type { Kysely } from 'kysely';
import { type CandleRetention, CandleRetentionSchema } from '../../../shared/contract/market.ts';
import type { Database } from '../persistence/database.ts';
import type { Logger } from '../ports/logger.ts';
import { readSetting, writeSetting } from '../persistence/settings.repository.ts';

const SETTING = 'market.retention';
const DAY_MS = 86_400_000;

/** A year of 1-minute bars is about 525,600 per symbol (some 40 MB each): enough for backtests, bounded for the disk. */
export const DEFAULT_CANDLE_RETENTION: CandleRetention = { maxAgeDays: 365, maxBarsPerSymbol: 600_000 };

export const readCandleRetention = (db: Kysely<Database>) => readSetting(db, SETTING, CandleRetentionSchema, DEFAULT_CANDLE_RETENTION);
export const writeCandleRetention = (db: Kysely<Database>, retention: CandleRetention) => writeSetting(db, SETTING, retention);

/**
 * Prunes one venue's stored bars, series by series: those older than the age, counted back from
 * the series' newest bar (the simulated market's clock runs ahead of the wall clock at high
 * speed), and those beyond the newest `maxBarsPerSymbol`. Each bound is one range delete on the
 * candles' primary key. Returns how many bars went.
 */
export async function pruneCandles(db: Kysely<Database>, venue: string, retention: CandleRetention): Promise<number> {
  const series = await db.selectFrom('candles').select(['symbol', 'timeframe', (eb) => eb.fn.max('ts').as('newest')]).where('venue', '=', venue).groupBy(['symbol', 'timeframe']).execute();
  let removed = 0;
  for (const { symbol, timeframe, newest } of series) {
    const oldestKept = await db
      .selectFrom('candles')
      .select('ts')
      .where('venue', '=', venue)
      .where('symbol', '=', symbol)
      .where('timeframe', '=', timeframe)
      .orderBy('ts', 'desc')
      .limit(1)
      .offset(retention.maxBarsPerSymbol - 1)
      .executeTakeFirst();
    const cutoff = Math.max(Number(newest) - retention.maxAgeDays * DAY_MS, oldestKept?.ts ?? Number.NEGATIVE_INFINITY);
    const result = await db.deleteFrom('candles').where('venue', '=', venue).where('symbol', '=', symbol).where('timeframe', '=', timeframe).where('ts', '<', cutoff).executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  // The freed pages are reused by later bars: the file stops growing rather than shrinking.
  return removed;
}

const PRUNE_INTERVAL_MS = 10 * 60_000;

/** Applies the retention setting to the simulated market's bars: at start, every ten minutes and when it changes. */
export class CandleRetentionService {
  readonly #deps: { db: Kysely<Database>; venue: string; logger: Logger };
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: { db: Kysely<Database>; venue: string; logger: Logger }) {
    this.#deps = deps;
  }

  current(): Promise<CandleRetention> {
    return readCandleRetention(this.#deps.db);
  }

  async configure(retention: CandleRetention): Promise<CandleRetention> {
    await writeCandleRetention(this.#deps.db, retention);
    await this.prune();
    return retention;
  }

  start(): void {
    void this.prune();
    this.#timer ??= setInterval(() => void this.prune(), PRUNE_INTERVAL_MS).unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** A failed prune (a full disk, say) is logged and tried again at the next round; nothing else depends on it. */
  async prune(): Promise<number> {
    try {
      return await pruneCandles(this.#deps.db, this.#deps.venue, await this.current());
    } catch (error) {
      this.#deps.logger.error('Old market bars could not be pruned', { error });
      return 0;
    }
  }
}
