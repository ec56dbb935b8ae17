import { join } from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { delay } from '../../../../shared/delay.ts';
import { readSetting, writeSetting } from '../../persistence/settings.repository.ts';
import { writeCandles } from './candle-writer.ts';
import { importCandleCsvFile, type CandleStore } from './import-csv-file.ts';
import { simulatedMinuteBars } from './sample-crypto.ts';

export const SAMPLE_VENUE = 'sample';
export const SAMPLE_SERIES = {
  spx: { venue: SAMPLE_VENUE, symbol: 'SPX', timeframe: '1d' },
  btc: { venue: SAMPLE_VENUE, symbol: 'BTC/USDT', timeframe: '1m' },
} as const;

/** The simulated BTC/USDT year: fixed dates and seed, so every install holds the same bars. */
export const SAMPLE_BTC = { seed: 20_250_101, start: Date.UTC(2025, 0, 1), count: 365 * 24 * 60, startPrice: 94_000 };

const SETTING = 'history.sample';
const SEEDED = z.object({ version: z.number().int() });
const VERSION = 1;
/** Bars per transaction: each one holds the engine's thread for some 25 ms, then lets it breathe. */
const CHUNK = 20_000;
/**
 * The sample takes about 45 MB. It waits for a disk with this much free: a trader's orders and
 * fills must never meet a full disk because of sample data.
 */
export const SAMPLE_MIN_FREE_BYTES = 1024 ** 3;

/**
 * Stores the sample history once, offline: the S&P 500's daily bars shipped in `dir` and a
 * simulated year of 1-minute BTC/USDT. A marker written last makes it run once: a series the
 * trader deletes stays deleted, and a start interrupted half way (or on a nearly full disk) fills in
 * the rest next time.
 */
export async function seedSampleHistory(store: CandleStore, dir: string, freeBytes: () => number | null): Promise<Result<{ seeded: boolean }>> {
  const marker = await readSetting(store.db, SETTING, SEEDED.nullable(), null);
  if (marker && marker.version >= VERSION) return ok({ seeded: false });
  const free = freeBytes();
  if (free !== null && free < SAMPLE_MIN_FREE_BYTES) {
    return fail('UNAVAILABLE', `The sample history (about 45 MB) was not stored: ${Math.floor(free / 1024 ** 2)} MB are free on the data disk; it is stored at a later start once 1 GB is free`);
  }
  const spx = await importCandleCsvFile(store, join(dir, 'sp500-daily.csv'), SAMPLE_SERIES.spx);
  if (!spx.ok) return fail(spx.error.code, `The sample S&P 500 history could not be stored: ${spx.error.message}`);
  const bars = simulatedMinuteBars(SAMPLE_BTC);
  for (let i = 0; i < bars.length; i += CHUNK) {
    await writeCandles(store.sqlite, SAMPLE_SERIES.btc, bars.slice(i, i + CHUNK));
    await delay(0);
  }
  await writeSetting(store.db, SETTING, { version: VERSION });
  return ok({ seeded: true });
}
