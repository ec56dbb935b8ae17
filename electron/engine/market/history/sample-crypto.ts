import type { Candle } from '../../../../shared/domain/candle.ts';
import { seededRandom } from '../random-walk.ts';

const MINUTE = 60_000;
const MINUTES_PER_YEAR = 365 * 24 * 60;
/** Bitcoin's yearly volatility has mostly sat between 50 % and 80 %. */
const BTC_ANNUAL_VOL = 0.6;

const cents = (price: number) => Math.round(price * 100) / 100;

/**
 * A deterministic 1-minute series: geometric Brownian motion for the closes, each bar's high and
 * low reaching past its body by a random share of one minute's move, volume heavier on bigger
 * moves. The same seed gives the same bars on every machine, so a backtest on the sample is
 * reproducible. Prices in cents (rounding keeps low <= open, close <= high); volume in base units.
 */
export function simulatedMinuteBars(opts: { seed: number; start: number; count: number; startPrice: number }): Candle[] {
  const random = seededRandom(opts.seed);
  const sigma = BTC_ANNUAL_VOL / Math.sqrt(MINUTES_PER_YEAR);
  const baseVolume = 250_000 / opts.startPrice;
  const bars: Candle[] = new Array(opts.count);
  let price = opts.startPrice;
  for (let i = 0; i < opts.count; i++) {
    // Box-Muller from two uniforms: one normal step per bar.
    const z = Math.sqrt(-2 * Math.log(random() || Number.MIN_VALUE)) * Math.cos(2 * Math.PI * random());
    const open = price;
    price *= Math.exp(sigma * z - 0.5 * sigma * sigma);
    const wick = sigma * 0.5;
    const high = Math.max(open, price) * (1 + wick * random());
    const low = Math.min(open, price) * (1 - wick * random());
    const volume = Math.round(baseVolume * (0.5 + random()) * (1 + Math.abs(z)) * 1e6) / 1e6;
    bars[i] = { ts: opts.start + i * MINUTE, open: cents(open), high: cents(high), low: cents(low), close: cents(price), volume };
  }
  return bars;
}
