import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { CandleSchema, CandleUpdateSchema } from '../domain/candle.ts';
import { InstrumentSchema, SymbolSchema, TimeframeSchema } from '../domain/instrument.ts';
import { queryInt } from './query.ts';

export const MarketSpeedSchema = z.object({
  /** Simulated candles per real second. */
  candlesPerSecond: z.number().min(0.1).max(1000),
});

/** How much simulated history is kept: bars older than the age (counted back from a series' newest bar) or beyond the count are pruned. */
export const CandleRetentionSchema = z.object({
  maxAgeDays: z.number({ error: 'Days must be a number' }).int('Days must be a whole number').min(1, 'Keep at least 1 day').max(3650, 'At most 3650 days (10 years)'),
  maxBarsPerSymbol: z.number({ error: 'Bars must be a number' }).int('Bars must be a whole number').min(2000, 'Keep at least 2000 bars').max(10_000_000, 'At most 10,000,000 bars'),
});
export type CandleRetention = z.infer<typeof CandleRetentionSchema>;

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
  retention: oc.route({ method: 'GET', path: '/market/retention' }).input(z.object({}).optional()).output(CandleRetentionSchema),
  setRetention: oc.route({ method: 'PUT', path: '/market/retention' }).input(CandleRetentionSchema).output(CandleRetentionSchema),
};
