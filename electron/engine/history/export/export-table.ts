import type { CompiledQuery, Kysely } from 'kysely';
import type { TradeFilter } from '../../../../shared/contract/trade-history.ts';
import type { Database } from '../../persistence/database.ts';

/** A row as SQLite hands it over in raw mode: the selected columns in order. */
export type RawRow = unknown[];

/** The local-time column's writer (see local-time.ts). */
export type LocalTime = (ms: number | null | undefined) => string;

/**
 * One kind of export: its header, the query for one chunk after the last row written (keyset, so
 * every chunk is a short indexed read), and how a row becomes cells. The query builder is only
 * used to compile SQL; the rows are read with better-sqlite3 directly, in raw mode, for speed.
 */
export interface ExportTable {
  header: readonly string[];
  chunk(qb: Kysely<Database>, filter: TradeFilter, after: RawRow | null, limit: number): CompiledQuery;
  cells(row: RawRow, local: LocalTime): string[];
}

/** Raw values read back from SQLite, typed at the one place they are read. */
export const num = (value: unknown): number | null => (typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : null);
export const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
