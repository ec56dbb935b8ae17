import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { SeriesKey } from '../../persistence/candles.repository.ts';
import type { Database } from '../../persistence/database.ts';
import { createCandleCsvReader, type CandleCsvReport } from './candle-csv.ts';
import { writeCandles } from './candle-writer.ts';

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
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) reader.line(line);
  } catch (error) {
    return unreadable(path, error);
  }
  const parsed = reader.finish();
  if (!parsed.ok) return parsed;
  const { candles, report } = parsed.value;
  const inserted = await writeCandles(store.sqlite, series, candles);
  return ok({ series, report, inserted, alreadyStored: candles.length - inserted });
}
