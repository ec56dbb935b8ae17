/**
 * Risk-adjusted returns, one convention for the whole app: the returns are the simple returns of
 * the equity series from one bar to the next (the first against the initial capital), the
 * risk-free rate is 0, and annualising multiplies by √(bars per year), bars per year coming from
 * the bar's duration (365.25 days a year, markets that close at night or weekends included).
 */
export const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

export interface RiskAdjusted {
  /** mean / sample standard deviation of the per-bar returns, × √(bars per year); null below 2 returns or with no variation. */
  sharpe: number | null;
  /** mean / downside deviation (root mean square of the negative returns over all bars), × √(bars per year); null with no losing bar. */
  sortino: number | null;
}

export function riskAdjusted(equity: ArrayLike<number>, initialCapital: number, barMs: number): RiskAdjusted {
  const n = equity.length;
  if (n < 2 || !(initialCapital > 0) || !(barMs > 0)) return { sharpe: null, sortino: null };
  let sum = 0;
  let previous = initialCapital;
  for (let i = 0; i < n; i++) {
    sum += previous > 0 ? equity[i]! / previous - 1 : 0;
    previous = equity[i]!;
  }
  const mean = sum / n;
  let squares = 0;
  let downside = 0;
  previous = initialCapital;
  for (let i = 0; i < n; i++) {
    const r = previous > 0 ? equity[i]! / previous - 1 : 0;
    previous = equity[i]!;
    squares += (r - mean) * (r - mean);
    if (r < 0) downside += r * r;
  }
  const scale = Math.sqrt(YEAR_MS / barMs);
  const std = Math.sqrt(squares / (n - 1));
  const downsideDev = Math.sqrt(downside / n);
  return { sharpe: std > 0 ? (mean / std) * scale : null, sortino: downsideDev > 0 ? (mean / downsideDev) * scale : null };
}
