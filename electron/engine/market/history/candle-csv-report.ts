import type { Candle } from '../../../../shared/domain/candle.ts';

/** Bars missing between two stored bars: `from` and `to` are the bars either side. */
export interface CandleGap {
  from: number;
  to: number;
  missingBars: number;
}

const DAY_MS = 86_400_000;
/** A report lists this many gap and duplicate times; the counts cover all of them. */
export const LISTED = 100;

/** The most common step between bars: the file's timeframe, whatever a few gaps do. */
export function barInterval(candles: readonly Candle[]): number | null {
  const counts = new Map<number, number>();
  for (let i = 1; i < candles.length; i++) {
    const step = (candles[i] as Candle).ts - (candles[i - 1] as Candle).ts;
    counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [step, count] of counts) if (count > bestCount || (count === bestCount && best !== null && step < best)) [best, bestCount] = [step, count];
  return best;
}

const isWeekend = (ts: number) => [0, 6].includes(new Date(ts).getUTCDay());

/** Weekdays strictly between two daily bars: what a stock market's calendar could have traded. */
function weekdaysBetween(from: number, to: number): number {
  let missing = 0;
  for (let day = from + DAY_MS; day < to; day += DAY_MS) if (!isWeekend(day)) missing++;
  return missing;
}

/**
 * Gaps in sorted, unique bars. Daily data that never trades on a weekend (stocks, indices) is
 * measured in weekdays, so only holidays and real holes show, not every Saturday and Sunday.
 */
export function findGaps(candles: readonly Candle[], interval: number | null): { gaps: CandleGap[]; count: number; missingBars: number } {
  const gaps: CandleGap[] = [];
  let count = 0;
  let missingBars = 0;
  if (interval === null || interval <= 0) return { gaps, count, missingBars };
  const weekdaysOnly = interval === DAY_MS && !candles.some((c) => isWeekend(c.ts));
  for (let i = 1; i < candles.length; i++) {
    const from = (candles[i - 1] as Candle).ts;
    const to = (candles[i] as Candle).ts;
    if (to - from <= interval) continue;
    const missing = weekdaysOnly ? weekdaysBetween(from, to) : Math.ceil((to - from) / interval) - 1;
    if (missing === 0) continue;
    count++;
    missingBars += missing;
    if (gaps.length < LISTED) gaps.push({ from, to, missingBars: missing });
  }
  return { gaps, count, missingBars };
}
