/** Drawdowns of an equity series against its running peak, which starts at the initial capital. */
export interface DrawdownSummary {
  /** Deepest fall below a peak, in quote currency (zero or negative). */
  maxDrawdown: number;
  /** Deepest fall below a peak as a fraction of that peak (zero or negative: -0.25 is 25 % down). */
  maxDrawdownPct: number;
  /** Longest stretch under water: bars from the first below a peak to the last before it was regained (or the end). */
  maxDrawdownBars: number;
  /** The same stretch in milliseconds: from the first bar's time to the last bar's time, plus one bar. */
  maxDrawdownMs: number;
}

/** Per point: how far the equity is below its running peak, as a fraction (0 at a peak, -0.1 ten percent down). */
export function drawdownSeries(equity: ArrayLike<number>, initialCapital: number): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = initialCapital;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i]!;
    if (value > peak) peak = value;
    out[i] = peak > 0 ? value / peak - 1 : 0;
  }
  return out;
}

export function summariseDrawdowns(ts: ArrayLike<number>, equity: ArrayLike<number>, initialCapital: number, barMs: number): DrawdownSummary {
  let peak = initialCapital;
  let maxDrawdown = 0;
  let maxDrawdownPct = 0;
  let longest = 0;
  let longestMs = 0;
  let firstUnder = -1;
  const closeStretch = (last: number) => {
    const bars = last - firstUnder + 1;
    if (bars > longest) {
      longest = bars;
      longestMs = ts[last]! - ts[firstUnder]! + barMs;
    }
    firstUnder = -1;
  };
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i]!;
    if (value >= peak) {
      if (firstUnder >= 0) closeStretch(i - 1);
      peak = value;
      continue;
    }
    if (firstUnder < 0) firstUnder = i;
    maxDrawdown = Math.min(maxDrawdown, value - peak);
    if (peak > 0) maxDrawdownPct = Math.min(maxDrawdownPct, value / peak - 1);
  }
  if (firstUnder >= 0) closeStretch(equity.length - 1);
  return { maxDrawdown, maxDrawdownPct, maxDrawdownBars: longest, maxDrawdownMs: longestMs };
}
