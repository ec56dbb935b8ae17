/** A point lightweight-charts accepts: time in whole seconds, strictly ascending, a finite value. */
export interface ChartPoint {
  time: number;
  value: number;
}

/**
 * [epoch ms, value] pairs as chart points. lightweight-charts throws on a time that is not after
 * the one before, and draws nothing sensible for NaN or Infinity: two bars in the same second
 * (a CSV with millisecond times) keep the later value, and points without a finite value are dropped.
 */
export function chartPoints(pairs: readonly (readonly [number, number])[], transform: (value: number) => number = (v) => v): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const [ts, raw] of pairs) {
    const value = transform(raw);
    if (!Number.isFinite(ts) || !Number.isFinite(value)) continue;
    const time = Math.floor(ts / 1000);
    const last = out.at(-1);
    if (last && time < last.time) continue;
    if (last && time === last.time) last.value = value;
    else out.push({ time, value });
  }
  return out;
}

/**
 * How far each point is below the running peak, in percent (0 at a peak, -12.5 for 12.5 % down);
 * the peak starts at the initial capital, as the metrics' maximum drawdown does.
 */
export function drawdownPercent(equity: readonly (readonly [number, number])[], initialCapital: number): [number, number][] {
  let peak = initialCapital;
  return equity.map(([ts, value]) => {
    if (value > peak) peak = value;
    return [ts, peak > 0 ? ((value - peak) / peak) * 100 : 0];
  });
}

/**
 * The bar time (seconds) a moment belongs to on a chart whose bars open at `barTimes` (ascending):
 * the last bar opened at or before it, so a marker sits on a drawn bar even when bars were merged.
 * Null before the first bar.
 */
export function barAt(barTimes: readonly number[], ms: number): number | null {
  const seconds = ms / 1000;
  let lo = 0;
  let hi = barTimes.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (barTimes[mid]! <= seconds) {
      found = barTimes[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
