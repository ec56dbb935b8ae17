import type { CandleColumns } from '../candle-columns.ts';

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * The candles copied once into memory every worker thread reads (a SharedArrayBuffer): a search
 * of thousands of backtests sends each worker the series once, not once per parameter set.
 */
export function shareColumns(columns: CandleColumns): SharedArrayBuffer {
  const n = columns.length;
  const buffer = new SharedArrayBuffer(n * FIELDS.length * Float64Array.BYTES_PER_ELEMENT);
  FIELDS.forEach((field, f) => new Float64Array(buffer, f * n * 8, n).set(columns[field]));
  return buffer;
}

/** Column views over a shared buffer; nothing is copied. */
export function columnsOf(buffer: SharedArrayBuffer): CandleColumns {
  const n = buffer.byteLength / (FIELDS.length * 8);
  const view = (f: number) => new Float64Array(buffer, f * n * 8, n);
  return { length: n, ts: view(0), open: view(1), high: view(2), low: view(3), close: view(4), volume: view(5) };
}
