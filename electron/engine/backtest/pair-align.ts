import { type CandleColumns, emptyColumns } from './candle-columns.ts';

const copyBar = (from: CandleColumns, i: number, to: CandleColumns, j: number) => {
  to.ts[j] = from.ts[i]!;
  to.open[j] = from.open[i]!;
  to.high[j] = from.high[i]!;
  to.low[j] = from.low[i]!;
  to.close[j] = from.close[i]!;
  to.volume[j] = from.volume[i]!;
};

/**
 * Two series cut to the bar times both have (each in ascending time): a bar only one venue has
 * cannot be compared, so it is left out and counted. A merge walk, linear in both lengths.
 */
export function alignByTime(a: CandleColumns, b: CandleColumns): { a: CandleColumns; b: CandleColumns; dropped: number } {
  const outA = emptyColumns(Math.min(a.length, b.length));
  const outB = emptyColumns(outA.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const ta = a.ts[i]!;
    const tb = b.ts[j]!;
    if (ta < tb) i++;
    else if (tb < ta) j++;
    else {
      copyBar(a, i++, outA, n);
      copyBar(b, j++, outB, n++);
    }
  }
  const cut = (c: CandleColumns): CandleColumns => ({ length: n, ts: c.ts.subarray(0, n), open: c.open.subarray(0, n), high: c.high.subarray(0, n), low: c.low.subarray(0, n), close: c.close.subarray(0, n), volume: c.volume.subarray(0, n) });
  return { a: cut(outA), b: cut(outB), dropped: a.length + b.length - 2 * n };
}
