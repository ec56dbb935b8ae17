import type { Candle } from '../../../shared/domain/candle.ts';

/** A bar that opened, stayed and closed at one price: enough for strategies that read the close. */
export const flatBar = (close: number, ts = 0): Candle => ({ ts, open: close, high: close, low: close, close, volume: 0 });

export const flatBars = (closes: readonly number[]): Candle[] => closes.map((close, i) => flatBar(close, i));
