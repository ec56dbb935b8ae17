import { stat } from 'node:fs/promises';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { SeriesKey } from '../../persistence/candles.repository.ts';
import type { Database } from '../../persistence/database.ts';
import { createCandleCsvReader, type CandleCsvReport } from './candle-csv.ts';
import { writeCandles } from './candle-writer.ts';
import { readLines } from './read-lines.ts';

/** Bigger files are split first: the parsed bars are held in memory until the one write. */
const MAX_FILE_BYTES = 1 << 30;

export interface CandleStore {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
}

export interface CsvImportResult {
  series: SeriesKey;
  report: CandleCsvReport;
  /** Bars new to the store; bars it already held are kept as they were. */
  inserted: number;
  /** Bars the file held that were stored already. */
  alreadyStored: number;
}

/** Node's wording for a missing or unreadable file, in words a trader can act on. */
function unreadable(path: string, error: unknown): Result<never> {
  const code = (error as { code?: unknown }).code;
  const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission was refused' : code === 'EISDIR' ? 'it is a folder' : 'it could not be read';
  return fail('INVALID_INPUT', `The file ${path} could not be opened: ${why}`, [{ path: ['path'], message: why }]);
}

/**
 * Streams a CSV file through the parser, then writes every bar in one transaction: a bad row
 * anywhere means nothing is written, and a crash mid-write leaves the store as it was.
 */
export async function importCandleCsvFile(store: CandleStore, path: string, series: SeriesKey): Promise<Result<CsvImportResult>> {
  const reader = createCandleCsvReader();
  try {
    const { size } = await stat(path);
    if (size > MAX_FILE_BYTES) return fail('INVALID_INPUT', `The file ${path} is ${(size / 1e9).toFixed(1)} GB; at most 1 GB is imported at once: split it (by year, say) and import each part`);
    const read = await readLines(path, (line) => reader.line(line));
    if (!read.ok) return read;
  } catch (error) {
    return unreadable(path, error);
  }
  const parsed = reader.finish();
  if (!parsed.ok) return parsed;
  const { candles, report } = parsed.value;
  const inserted = await writeCandles(store.sqlite, series, candles);
  return ok({ series, report, inserted, alreadyStored: candles.length - inserted });
}
