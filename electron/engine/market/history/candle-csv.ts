import type { Candle } from '../../../../shared/domain/candle.ts';
import { fail, ok, type FieldIssue, type Result } from '../../../../shared/errors.ts';
import { columnsFromHeader, DEFAULT_COLUMNS, detectDelimiter, looksLikeHeader, splitCells, type ColumnMap } from './candle-csv-header.ts';
import { barInterval, findGaps, LISTED, type CandleGap } from './candle-csv-report.ts';
import { parseRow } from './candle-csv-row.ts';
import { unitName, type TimestampUnit } from './candle-csv-time.ts';

export type { CandleGap } from './candle-csv-report.ts';
export type { TimestampUnit } from './candle-csv-time.ts';

export interface CandleCsvReport {
  /** Data rows read (the header and blank lines not counted). */
  rowsRead: number;
  hasHeader: boolean;
  timestampUnit: TimestampUnit;
  /** The most common step between bars in ms; null with a single bar. */
  intervalMs: number | null;
  /** Rows repeating an earlier bar exactly; each kept once. */
  duplicates: number;
  duplicateTimes: number[];
  /** Whether the rows came oldest first; the candles are sorted either way. */
  wasSorted: boolean;
  gapCount: number;
  missingBars: number;
  /** The first gaps (up to 100); gapCount counts them all. */
  gaps: CandleGap[];
}

export interface CandleCsv {
  candles: Candle[];
  report: CandleCsvReport;
}

/** Problems listed in a refusal; the count covers all of them. */
const SHOWN_PROBLEMS = 5;
const KEPT_ISSUES = 20;

/**
 * Reads a candle CSV line by line, so a big file can be streamed in and a string parsed the same
 * way. Any bad row makes the whole file fail: a half-imported history would backtest wrong.
 */
export function createCandleCsvReader() {
  let lineNumber = 0;
  let columns: ColumnMap | null = null;
  let delimiter = ',';
  let hasHeader = false;
  let headerError: Result<never> | null = null;
  let unit: TimestampUnit | null = null;
  let rowsRead = 0;
  let badRows = 0;
  const issues: FieldIssue[] = [];
  const candles: Candle[] = [];
  const lines: number[] = [];

  const refuse = (line: number, message: string) => {
    badRows++;
    if (issues.length < KEPT_ISSUES) issues.push({ path: ['line', line], message });
  };

  function line(raw: string): void {
    lineNumber++;
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (headerError || text.trim() === '') return;
    if (!columns) {
      delimiter = detectDelimiter(text);
      const cells = splitCells(text, delimiter);
      hasHeader = looksLikeHeader(cells);
      if (hasHeader) {
        const found = columnsFromHeader(cells);
        if (found.ok) columns = found.value;
        else headerError = found;
        return;
      }
      columns = DEFAULT_COLUMNS;
    }
    rowsRead++;
    const row = parseRow(splitCells(text, delimiter), columns);
    if ('problem' in row) return refuse(lineNumber, row.problem);
    if (unit === null) unit = row.unit;
    else if (row.unit !== unit) return refuse(lineNumber, `time is in ${unitName(row.unit)} but the first row used ${unitName(unit)}`);
    if (badRows > 0) return; // the file is refused anyway: keep counting problems, not bars
    candles.push(row.candle);
    lines.push(lineNumber);
  }

  function finish(): Result<CandleCsv> {
    if (headerError) return headerError;
    if (badRows > 0) return refusal(badRows, rowsRead, issues);
    if (rowsRead === 0 || unit === null) {
      return fail('INVALID_INPUT', hasHeader ? 'The file has a header row but no candles; nothing was imported' : 'The file is empty; nothing was imported');
    }
    return assemble(candles, lines, rowsRead, hasHeader, unit);
  }

  return { line, finish };
}

function refusal(badRows: number, rowsRead: number, issues: FieldIssue[]): Result<never> {
  const listed = issues.slice(0, SHOWN_PROBLEMS).map((issue) => `line ${issue.path[1]}: ${issue.message}`);
  const more = badRows > listed.length ? ` (and ${badRows - listed.length} more)` : '';
  return fail('INVALID_INPUT', `${badRows} of ${rowsRead} rows could not be read, so nothing was imported. ${listed.join('; ')}${more}`, issues, { badRows, rowsRead });
}

function sameBar(a: Candle, b: Candle): boolean {
  return a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;
}

function assemble(candles: Candle[], lines: number[], rowsRead: number, hasHeader: boolean, unit: TimestampUnit): Result<CandleCsv> {
  let wasSorted = true;
  for (let i = 1; i < candles.length && wasSorted; i++) wasSorted = (candles[i] as Candle).ts >= (candles[i - 1] as Candle).ts;
  const order = candles.map((_, i) => i);
  // A stable sort keeps equal times in file order, so a refusal names the earlier line first.
  if (!wasSorted) order.sort((a, b) => (candles[a] as Candle).ts - (candles[b] as Candle).ts);
  const unique: Candle[] = [];
  const duplicateTimes: number[] = [];
  let duplicates = 0;
  for (let k = 0; k < order.length; k++) {
    const index = order[k] as number;
    const candle = candles[index] as Candle;
    const previous = unique[unique.length - 1];
    if (previous?.ts !== candle.ts) {
      unique.push(candle);
      continue;
    }
    if (!sameBar(previous, candle)) {
      const first = lines[order[k - 1] as number];
      const at = new Date(candle.ts).toISOString();
      return fail('INVALID_INPUT', `Line ${lines[index]} has a second bar at ${at} with other prices than line ${first}; nothing was imported`, [
        { path: ['line', lines[index] as number], message: `a second bar at ${at} differs from line ${first}` },
      ]);
    }
    duplicates++;
    if (duplicateTimes.length < LISTED) duplicateTimes.push(candle.ts);
  }
  const intervalMs = barInterval(unique);
  const { gaps, count, missingBars } = findGaps(unique, intervalMs);
  return ok({
    candles: unique,
    report: { rowsRead, hasHeader, timestampUnit: unit, intervalMs, duplicates, duplicateTimes, wasSorted, gapCount: count, missingBars, gaps },
  });
}

/** Parses a whole candle CSV held in memory; see `createCandleCsvReader` for the rules. */
export function parseCandleCsv(text: string): Result<CandleCsv> {
  const reader = createCandleCsvReader();
  forEachLine(text, (line) => reader.line(line));
  return reader.finish();
}

/** The file's line ending: \n (with or without \r before it), else a lone \r (old Mac exports). */
export const lineEnding = (text: string): '\n' | '\r' => (text.includes('\n') || !text.includes('\r') ? '\n' : '\r');

/**
 * Calls `onLine` for each line, the last one without an ending too; a \r before \n is dropped.
 * Walks the text instead of splitting it: a 100 MB file needs no second copy.
 */
export function forEachLine(text: string, onLine: (line: string) => void, ending = lineEnding(text)): void {
  let start = 0;
  while (start <= text.length) {
    const found = text.indexOf(ending, start);
    const end = found === -1 ? text.length : found;
    const lineEnd = ending === '\n' && end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    onLine(text.slice(start, lineEnd));
    if (found === -1) break;
    start = found + 1;
  }
}
