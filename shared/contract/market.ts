import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { CandleSchema, CandleUpdateSchema } from '../domain/candle.ts';
import { InstrumentSchema, SymbolSchema, TimeframeSchema } from '../domain/instrument.ts';
import { CcxtOptionsSchema } from '../domain/account.ts';
import { ExchangeIdSchema } from '../domain/symbol.ts';
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

/**
 * Where the paper account's prices come from: the offline simulated market (the default), or an
 * exchange's live public data (no keys) with that exchange's precision and minimums. `options` are
 * ccxt settings, as an exchange account's, e.g. `urls` pointing at a testnet or a compatible endpoint.
 */
export const MarketSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulated') }),
  z.object({ kind: z.literal('exchange'), exchangeId: ExchangeIdSchema, sandbox: z.boolean().default(false), options: CcxtOptionsSchema.default({}) }),
]);
export type MarketSource = z.infer<typeof MarketSourceSchema>;

/** Whether the exchange answers; `failures` > 0 while the feed backs off, with the last error in words. */
export const FeedStatusSchema = z.object({ connected: z.boolean(), failures: z.number().int(), lastError: z.string().nullable() });

export const MarketSourceStatusSchema = z.object({
  /** The source the engine runs on now. */
  active: MarketSourceSchema,
  /** The source stored for the next start, when it differs from the active one (a change takes effect at the next start). */
  next: MarketSourceSchema.nullable(),
  /** Why the stored exchange source is not the one running (the simulated market runs instead). */
  fallbackReason: z.string().nullable(),
  /** The symbols the paper account trades on the active source. */
  symbols: z.array(SymbolSchema),
  /** The live feed's connection; null on the simulated market. */
  feed: FeedStatusSchema.nullable(),
  /** Simulated candles per second; null when the market follows an exchange live. */
  candlesPerSecond: z.number().nullable(),
});
export type MarketSourceStatus = z.infer<typeof MarketSourceStatusSchema>;

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
  source: oc.route({ method: 'GET', path: '/market/source' }).input(z.object({}).optional()).output(MarketSourceStatusSchema),
  /** Stores the source for the next start; refused while the paper account has open orders or positions. */
  setSource: oc.route({ method: 'PUT', path: '/market/source' }).input(MarketSourceSchema).output(MarketSourceStatusSchema),
  retention: oc.route({ method: 'GET', path: '/market/retention' }).input(z.object({}).optional()).output(CandleRetentionSchema),
  setRetention: oc.route({ method: 'PUT', path: '/market/retention' }).input(CandleRetentionSchema).output(CandleRetentionSchema),
};
