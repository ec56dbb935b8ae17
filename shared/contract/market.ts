import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { CandleSchema, CandleUpdateSchema } from '../domain/candle.ts';
import { InstrumentSchema, SymbolSchema, TimeframeSchema } from '../domain/instrument.ts';
import { queryInt } from './query.ts';

export const MarketSpeedSchema = z.object({
  /** Simulated candles per real second. */
  candlesPerSecond: z.number().min(0.1).max(1000),
});

export const marketContract = {
  instruments: oc.route({ method: 'GET', path: '/market/instruments' }).input(z.object({}).optional()).output(z.array(InstrumentSchema)),
  candles: oc
    .route({ method: 'GET', path: '/market/candles' })
    .input(
      z.object({
        symbol: SymbolSchema,
        timeframe: TimeframeSchema,
        /** Only bars opened strictly before this time (epoch ms): for loading older history on scroll. */
        before: queryInt(0, 8.64e15).optional(),
        limit: queryInt(1, 5000).default(500),
      }),
    )
    .output(z.array(CandleSchema)),
  live: oc
    .route({ method: 'GET', path: '/market/live' })
    .input(z.object({ symbol: SymbolSchema, timeframe: TimeframeSchema }))
    .output(eventIterator(CandleUpdateSchema)),
  setSpeed: oc.route({ method: 'PUT', path: '/market/speed' }).input(MarketSpeedSchema).output(MarketSpeedSchema),
};
