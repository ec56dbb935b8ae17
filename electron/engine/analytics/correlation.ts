/** Pearson correlation of two equally long series; null when either does not vary (or fewer than 2 points). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n !== b.length) throw new RangeError(`Correlation needs series of one length; got ${n} and ${b.length}`);
  if (n < 2) return null;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i]!;
    meanB += b[i]!;
  }
  meanA /= n;
  meanB /= n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - meanA;
    const db = b[i]! - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  if (!(varA > 0 && varB > 0)) return null;
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, cov / Math.sqrt(varA * varB)));
}

/** Every pair's correlation: a symmetric matrix with 1 on the diagonal (null where a series is flat). */
export function correlationMatrix(series: readonly ArrayLike<number>[]): (number | null)[][] {
  return series.map((a, i) => series.map((b, j) => (i === j ? (pearson(a, a) === null ? null : 1) : pearson(a, b))));
}
