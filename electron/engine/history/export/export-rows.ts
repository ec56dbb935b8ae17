import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ExportKind, ExportRequest } from '../../../../shared/contract/export.ts';
import { ok, type Result } from '../../../../shared/errors.ts';
import type { Database } from '../../persistence/database.ts';
import { csvLine, headerLine } from './csv-cells.ts';
import type { ExportTable, RawRow } from './export-table.ts';
import { fillsTable, ordersTable, webhookLogTable } from './ledger-tables.ts';
import { localTimeFormatter } from './local-time.ts';
import { tradesTable } from './trades-table.ts';

const TABLES: Record<ExportKind, ExportTable> = { trades: tradesTable, orders: ordersTable, fills: fillsTable, webhook_log: webhookLogTable };

/** Rows per read: a few milliseconds of the event loop, after which the engine gets its turn. */
export const CHUNK_ROWS = 2_000;

/**
 * Rows per piece of text handed to the writer. Pieces stay well under V8's large-object size
 * (128 KB): large strings are freed only by full collections, and 500 KB chunk texts made the
 * heap grow by 140 MB over a million rows (measured); 250-row pieces keep it flat.
 */
const PIECE_ROWS = 250;

/** Where an export reads from: the read-only connection, as a query builder (to compile SQL) and as the raw handle (to run it). */
export interface ExportSource {
  qb: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
}

/** CSV text in pieces (the header, then one piece per chunk of rows), with the rows written so far. */
export interface CsvPieces {
  /** How many rows the filter matches when the export starts (for the progress bar). */
  total: number;
  pieces: AsyncGenerator<{ text: string; rows: number }, void, undefined>;
}

/**
 * The CSV of a kind of history, read in keyset chunks from the read-only connection: memory holds
 * one chunk, each chunk is one short read (so the history page and the writer are never kept
 * waiting), and between chunks the event loop runs the engine's own work.
 */
export function csvPieces(source: ExportSource, request: ExportRequest, signal?: AbortSignal): Result<CsvPieces> {
  const local = localTimeFormatter(request.timeZone);
  if (!local.ok) return local;
  const formatLocal = local.value;
  const table = TABLES[request.kind];
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = source.sqlite.prepare(text).raw(true)));
    return statement;
  };
  // SQLite reads a negative LIMIT as none: the same query, counted.
  const all = table.chunk(source.qb, request.filter, null, -1);
  const total = Number((source.sqlite.prepare(`select count(*) from (${all.sql})`).pluck().get(...all.parameters) as number | bigint) ?? 0);

  async function* generate() {
    yield { text: headerLine(table.header), rows: 0 };
    let after: RawRow | null = null;
    let rows = 0;
    for (;;) {
      signal?.throwIfAborted();
      const query = table.chunk(source.qb, request.filter, after, CHUNK_ROWS);
      // The chunk is read to its end before anything is awaited: an open iterator would keep the
      // read-only connection busy, and the history page's own queries would fail meanwhile.
      const pieces: string[] = [];
      let piece = '';
      let count = 0;
      for (const row of prepared(query.sql).iterate(...query.parameters) as IterableIterator<RawRow>) {
        piece += csvLine(table.cells(row, formatLocal));
        after = row;
        if (++count % PIECE_ROWS === 0) {
          pieces.push(piece);
          piece = '';
        }
      }
      if (piece !== '') pieces.push(piece);
      for (const [i, text] of pieces.entries()) yield { text, rows: rows + Math.min(count, (i + 1) * PIECE_ROWS) };
      rows += count;
      if (count < CHUNK_ROWS) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return ok({ total, pieces: generate() });
}
