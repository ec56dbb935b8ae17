import type { Candle } from '../../../shared/domain/candle.ts';

/**
 * Candles as columns of doubles: a million bars are six flat arrays the loop reads without
 * touching an object, instead of a million objects the garbage collector has to walk.
 */
export interface CandleColumns {
  readonly length: number;
  /** Bar open time, epoch ms, ascending. */
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export function emptyColumns(length: number): CandleColumns {
  const column = () => new Float64Array(length);
  return { length, ts: column(), open: column(), high: column(), low: column(), close: column(), volume: column() };
}

export function toColumns(candles: readonly Candle[]): CandleColumns {
  const columns = emptyColumns(candles.length);
  candles.forEach((candle, i) => {
    columns.ts[i] = candle.ts;
    columns.open[i] = candle.open;
    columns.high[i] = candle.high;
    columns.low[i] = candle.low;
    columns.close[i] = candle.close;
    columns.volume[i] = candle.volume;
  });
  return columns;
}

/**
 * The bar's duration: the most common gap between consecutive bars among the first ten thousand
 * (a daily stock series skips weekends, a minute series has holes; the usual step is the timeframe).
 */
export function inferBarMs(ts: ArrayLike<number>): number | null {
  const counts = new Map<number, number>();
  const last = Math.min(ts.length, 10_001);
  for (let i = 1; i < last; i++) {
    const gap = ts[i]! - ts[i - 1]!;
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && gap < best)) [best, bestCount] = [gap, count];
  }
  return best;
}
