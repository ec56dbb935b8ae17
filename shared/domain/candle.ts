import { z } from 'zod';

/** One OHLCV bar; `ts` is the bar's open time in epoch milliseconds. */
export const CandleSchema = z.object({
  ts: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});
export type Candle = z.infer<typeof CandleSchema>;

/** A bar update from the live feed: `closed` is false while the bar is still forming. */
export const CandleUpdateSchema = z.object({
  symbol: z.string(),
  timeframe: z.string(),
  candle: CandleSchema,
  closed: z.boolean(),
});
export type CandleUpdate = z.infer<typeof CandleUpdateSchema>;
