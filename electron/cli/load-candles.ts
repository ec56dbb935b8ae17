import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type { Candle } from '../../shared/domain/candle.ts';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { DATABASE_FILE } from '../engine/index.ts';
import { parseCandleCsv } from '../engine/market/history/candle-csv.ts';
import { candlesBetween, listSeries } from '../engine/persistence/candles.repository.ts';
import type { Database } from '../engine/persistence/database.ts';
import type { CandleSource } from './backtest-args.ts';

export interface LoadedCandles {
  candles: Candle[];
  /** The bar length when the source knows it (the store's timeframe, the CSV's usual step). */
  barMs: number | null;
  /** The venue the store's series came from (its rules apply), null for a CSV. */
  venue: string | null;
}

function readCsv(file: string): Result<LoadedCandles> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission was refused' : code === 'EISDIR' ? 'it is a folder' : 'it could not be read';
    return fail('INVALID_INPUT', `The file ${file} could not be opened: ${why}`);
  }
  const parsed = parseCandleCsv(text);
  if (!parsed.ok) return fail('INVALID_INPUT', `${file}: ${parsed.error.message}`);
  return ok({ candles: parsed.value.candles, barMs: parsed.value.report.intervalMs, venue: null });
}

/**
 * Reads the app's candle store read-only: the CLI never migrates or writes a trader's database,
 * and it can read while the app runs (SQLite's WAL lets one writer and many readers share the file).
 */
async function readStore(source: Extract<CandleSource, { kind: 'store' }>): Promise<Result<LoadedCandles>> {
  const dataDir = source.dataDir ?? join(homedir(), '.stoxrobot');
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return fail('INVALID_INPUT', `There is no StoxRobot database in ${dataDir} (give the data folder with --data DIR)`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file, { readonly: true, fileMustExist: true }) }), plugins: [new CamelCasePlugin()] });
  try {
    const stored = (await listSeries(db)).filter((series) => series.symbol === source.symbol && series.timeframe === source.timeframe);
    const matching = source.venue === null ? stored : stored.filter((series) => series.venue === source.venue);
    const name = `${source.symbol} ${source.timeframe}${source.venue === null ? '' : ` on ${source.venue}`}`;
    if (matching.length === 0) return fail('INVALID_INPUT', `No ${name} candles are stored in ${dataDir}; import or backfill them first`);
    if (matching.length > 1) return fail('INVALID_INPUT', `${name} candles are stored for ${matching.map((s) => s.venue).join(' and ')}: say which with --venue`);
    const venue = matching[0]!.venue;
    const candles = await candlesBetween(db, { venue, symbol: source.symbol, timeframe: source.timeframe }, source.from, source.to);
    if (candles.length === 0) {
      return fail('INVALID_INPUT', `No ${name} candles between ${new Date(source.from).toISOString()} and ${new Date(source.to).toISOString()}`);
    }
    return ok({ candles, barMs: source.barMs, venue });
  } finally {
    await db.destroy();
  }
}

export function loadCandles(source: CandleSource): Promise<Result<LoadedCandles>> {
  return source.kind === 'csv' ? Promise.resolve(readCsv(source.file)) : readStore(source);
}
