import type { Candle } from '../../../../shared/domain/candle.ts';
import { RandomWalk } from '../random-walk.ts';

const MINUTE = 60_000;
/** Bitcoin's yearly volatility has mostly sat between 50 % and 80 %. */
const BTC_ANNUAL_VOL = 0.6;
/** Steps per bar: enough for a high and low drawn from the path, cheap for half a million bars. */
const TICKS_PER_BAR = 4;

const cents = (price: number) => Math.round(price * 100) / 100;
const round8 = (amount: number) => Math.round(amount * 1e8) / 1e8;

/**
 * A deterministic 1-minute series from a seeded random walk: the same seed gives the same bars on
 * every machine, so a backtest on the sample is reproducible. Prices in cents (rounding keeps
 * low <= open, close <= high), volume in 1e-8 units.
 */
export function simulatedMinuteBars(opts: { seed: number; start: number; count: number; startPrice: number }): Candle[] {
  const walk = new RandomWalk({ seed: opts.seed, startPx: opts.startPrice, annualVol: BTC_ANNUAL_VOL, ticksPerBar: TICKS_PER_BAR });
  const bars: Candle[] = new Array(opts.count);
  for (let i = 0; i < opts.count; i++) {
    const bar = walk.nextBar(opts.start + i * MINUTE, TICKS_PER_BAR);
    bars[i] = { ts: bar.ts, open: cents(bar.open), high: cents(bar.high), low: cents(bar.low), close: cents(bar.close), volume: round8(bar.volume) };
  }
  return bars;
}
