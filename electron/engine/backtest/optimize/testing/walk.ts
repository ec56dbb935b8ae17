import { seededRandom } from '../../../market/random-walk.ts';
import { type CandleColumns, emptyColumns } from '../../candle-columns.ts';

/** A deterministic one-minute random walk with real ranges: enough crossings for every strategy to trade. */
export function walk(bars: number, seed = 7): CandleColumns {
  const columns = emptyColumns(bars);
  const random = seededRandom(seed);
  let px = 100;
  for (let i = 0; i < bars; i++) {
    const open = px;
    px *= 1 + (random() - 0.5) * 0.02;
    columns.ts[i] = i * 60_000;
    columns.open[i] = open;
    columns.high[i] = Math.max(open, px) * (1 + random() * 0.003);
    columns.low[i] = Math.min(open, px) * (1 - random() * 0.003);
    columns.close[i] = px;
    columns.volume[i] = 1;
  }
  return columns;
}
