/**
 * Historical value at risk: the loss of one bar that the worst (1 - confidence) share of the
 * series' bars reached or passed, as a positive fraction of equity (0.03: one bar in twenty lost
 * 3 % or more). Returns follow `returns.ts`: each bar's simple return, the first against the
 * initial capital. The quantile is the k-th worst return with k = ceil(n × (1 - confidence)), no
 * interpolation: every reported figure is a loss that really happened.
 */
export const VAR_MIN_RETURNS = 20;

export function historicalVaR(equity: ArrayLike<number>, initialCapital: number, confidence = 0.95): number | null {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`Confidence must be between 0 and 1; got ${confidence}`);
  const n = equity.length;
  // Below 20 returns the 5 % tail holds no whole bar: no honest figure exists.
  if (n < VAR_MIN_RETURNS || !(initialCapital > 0)) return null;
  const returns = new Float64Array(n);
  let previous = initialCapital;
  for (let i = 0; i < n; i++) {
    returns[i] = previous > 0 ? equity[i]! / previous - 1 : 0;
    previous = equity[i]!;
  }
  returns.sort();
  // 1 - 0.95 is 0.050000000000000044 in binary: without the allowance 100 days would take the sixth worst.
  const k = Math.max(1, Math.ceil(n * (1 - confidence) - 1e-9));
  const quantile = returns[k - 1]!;
  if (!Number.isFinite(quantile)) return null;
  return Math.max(0, -quantile);
}
