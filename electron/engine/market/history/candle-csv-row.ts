import type { Candle } from '../../../../shared/domain/candle.ts';
import type { ColumnMap } from './candle-csv-header.ts';
import { excerpt, parseBarTime, type TimestampUnit } from './candle-csv-time.ts';

export type ParsedRow = { candle: Candle; unit: TimestampUnit } | { problem: string };

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function readNumber(cells: readonly string[], index: number, name: string): number | string {
  const text = cells[index];
  if (text === undefined || text === '') return `${name} is missing`;
  if (!NUMERIC.test(text)) return `${name} "${excerpt(text)}" is not a number`;
  const value = Number(text);
  return Number.isFinite(value) ? value : `${name} ${excerpt(text)} is too large`;
}

/** One data row to a bar, or the reason a trader can fix in the file. */
export function parseRow(cells: readonly string[], columns: ColumnMap): ParsedRow {
  const time = parseBarTime(cells[columns.time] ?? '');
  if ('problem' in time) return time;
  const open = readNumber(cells, columns.open, 'open');
  const high = readNumber(cells, columns.high, 'high');
  const low = readNumber(cells, columns.low, 'low');
  const close = readNumber(cells, columns.close, 'close');
  const volume = columns.volume === null ? 0 : readNumber(cells, columns.volume, 'volume');
  if (typeof open === 'string') return { problem: open };
  if (typeof high === 'string') return { problem: high };
  if (typeof low === 'string') return { problem: low };
  if (typeof close === 'string') return { problem: close };
  if (typeof volume === 'string') return { problem: volume };
  const candle: Candle = { ts: time.ts, open, high, low, close, volume };
  const problem = barProblem(candle);
  return problem ? { problem } : { candle, unit: time.unit };
}

/**
 * A price at or below zero, a low above the body or a high below it cannot be a traded bar.
 * Also used on exchange answers, which may carry NaN or a fractional time.
 */
export function barProblem(c: Candle): string | null {
  if (!Number.isSafeInteger(c.ts)) return `time ${c.ts} is not a whole number of milliseconds`;
  for (const [name, value] of Object.entries(c)) if (!Number.isFinite(value)) return `${name} ${value} is not a finite number`;
  for (const [name, value] of [['open', c.open], ['high', c.high], ['low', c.low], ['close', c.close]] as const) {
    if (value <= 0) return `${name} ${value} is not a positive price`;
  }
  if (c.volume < 0) return `volume ${c.volume} is negative`;
  if (c.high < c.low) return `high ${c.high} is below low ${c.low}`;
  if (c.high < Math.max(c.open, c.close)) return `high ${c.high} is below the open ${c.open} or close ${c.close}`;
  if (c.low > Math.min(c.open, c.close)) return `low ${c.low} is above the open ${c.open} or close ${c.close}`;
  return null;
}
