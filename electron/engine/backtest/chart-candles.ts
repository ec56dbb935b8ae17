import type { Candle } from '../../../shared/domain/candle.ts';

/**
 * Bars for a chart of a run's range: every bar when there are at most `maxBars`, otherwise each
 * run of `per` consecutive bars merged into one (first open, highest high, lowest low, last close,
 * summed volume), so a year of 1-minute bars draws as a few thousand without losing a high or low.
 * `per` is 1 when nothing was merged; a merged bar's time is the time of its first bar.
 */
export function chartCandles(candles: readonly Candle[], maxBars: number): { per: number; candles: Candle[] } {
  if (!(maxBars >= 1)) throw new RangeError(`A chart needs room for at least one bar; got ${maxBars}`);
  const per = Math.max(1, Math.ceil(candles.length / maxBars));
  if (per === 1) return { per, candles: candles.slice() };
  const out: Candle[] = [];
  for (let start = 0; start < candles.length; start += per) {
    const first = candles[start]!;
    const merged = { ...first };
    const end = Math.min(candles.length, start + per);
    for (let i = start + 1; i < end; i++) {
      const bar = candles[i]!;
      if (bar.high > merged.high) merged.high = bar.high;
      if (bar.low < merged.low) merged.low = bar.low;
      merged.volume += bar.volume;
      merged.close = bar.close;
    }
    out.push(merged);
  }
  return { per, candles: out };
}
