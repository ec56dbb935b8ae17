import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { CandleColumns } from './candle-columns.ts';

const at = (ts: number) => (Number.isFinite(ts) ? new Date(ts).toISOString() : String(ts));

/**
 * Candles a backtest can trust: times finite and rising, prices positive and finite, volume not
 * negative. A stored series or an API caller may hand anything; one bad bar would otherwise
 * surface deep in the position math as a thrown error instead of a reason the trader can read.
 */
export function checkCandles(candles: CandleColumns): Result<null> {
  const { ts, open, high, low, close, volume } = candles;
  for (let i = 0; i < candles.length; i++) {
    const time = ts[i]!;
    if (!Number.isFinite(time) || (i > 0 && !(time > ts[i - 1]!))) {
      return fail('INVALID_INPUT', `Bar ${i + 1} has time ${at(time)}, not after the bar before it (${at(ts[i - 1] ?? Number.NaN)}): candles must be in time order, one per time`);
    }
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    // Written as "not above zero" so NaN fails too.
    if (!(o > 0 && h > 0 && l > 0 && c > 0) || !Number.isFinite(o + h + l + c)) {
      return fail('INVALID_INPUT', `The bar at ${at(time)} has a price that is not a positive number (open ${o}, high ${h}, low ${l}, close ${c})`);
    }
    if (!(volume[i]! >= 0) || !Number.isFinite(volume[i]!)) return fail('INVALID_INPUT', `The bar at ${at(time)} has volume ${volume[i]}, not a number of zero or more`);
  }
  return ok(null);
}
