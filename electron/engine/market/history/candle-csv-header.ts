import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { excerpt } from './candle-csv-time.ts';

/** Where each field sits in a row; volume may be missing (index data often has none). */
export interface ColumnMap {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number | null;
}

/** A file without a header row is read in this order: time, open, high, low, close, volume. */
export const DEFAULT_COLUMNS: ColumnMap = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };

const NAMES: Record<string, keyof ColumnMap> = {
  timestamp: 'time', time: 'time', date: 'time', datetime: 'time', ts: 'time', 'open time': 'time', open_time: 'time', opentime: 'time',
  open: 'open', o: 'open', high: 'high', h: 'high', low: 'low', l: 'low', close: 'close', c: 'close', volume: 'volume', vol: 'volume', v: 'volume',
};

const normalise = (cell: string) => cell.trim().toLowerCase();

/** A first row is a header when any cell is a word we know as a column name. */
export function looksLikeHeader(cells: readonly string[]): boolean {
  return cells.some((cell) => Object.hasOwn(NAMES, normalise(cell)));
}

/** Columns by name, in any order; unknown columns (adjclose, trades) are ignored. */
export function columnsFromHeader(cells: readonly string[]): Result<ColumnMap> {
  const found: Partial<Record<keyof ColumnMap, number>> = {};
  cells.forEach((cell, index) => {
    const field = NAMES[normalise(cell)];
    if (field && found[field] === undefined) found[field] = index;
  });
  const missing = (['time', 'open', 'high', 'low', 'close'] as const).filter((field) => found[field] === undefined);
  if (missing.length > 0) {
    return fail('INVALID_INPUT', `The header row "${excerpt(cells.join(','), 120)}" has no ${missing.join(', ')} column; expected e.g. timestamp,open,high,low,close,volume`);
  }
  const { time = 0, open = 0, high = 0, low = 0, close = 0, volume } = found;
  return ok({ time, open, high, low, close, volume: volume ?? null });
}

/** Commas unless the header line has none and has semicolons or tabs instead (spreadsheet exports). */
export function detectDelimiter(firstLine: string): string {
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

/** Split one line; numbers and dates never contain the delimiter, so quotes only need stripping. */
export function splitCells(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((cell) => {
    const trimmed = cell.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
  });
}
