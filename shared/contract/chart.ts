import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { CandleSchema, CandleUpdateSchema } from '../domain/candle.ts';
import { SymbolSchema } from '../domain/instrument.ts';
import { queryInt } from './query.ts';

/** The bar lengths a chart can show, each built on the engine from the stored 1-minute bars. */
export const CHART_TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export const ChartTimeframeSchema = z.enum(CHART_TIMEFRAMES);
export type ChartTimeframe = z.infer<typeof ChartTimeframeSchema>;

/** Each chart timeframe's bar length in milliseconds; buckets start on UTC multiples of it (so 4h and 1d bars start at 00:00 UTC). */
export const CHART_TIMEFRAME_MS: Readonly<Record<ChartTimeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

/** One value of a plot line at a bar's open time (epoch ms): the value as of that bar's last closed minute. */
export const PlotPointSchema = z.object({ ts: z.number().int(), value: z.number() });

/** A line the bot's strategy declares: drawn on the price pane (averages, bands) or in the pane below (RSI, MACD). */
export const PlotSeriesSchema = z.object({ name: z.string(), pane: z.enum(['price', 'below']), points: z.array(PlotPointSchema) });
export type PlotSeries = z.infer<typeof PlotSeriesSchema>;

/**
 * The plot stream: first every line over recent history, then one event per closed bar with each
 * line's value in the order of `history.series` (null while a line warms up).
 */
export const PlotEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('history'), series: z.array(PlotSeriesSchema) }),
  z.object({ kind: z.literal('point'), ts: z.number().int(), values: z.array(z.number().nullable()) }),
]);
export type PlotEvent = z.infer<typeof PlotEventSchema>;

const ChartKeySchema = z.object({ symbol: SymbolSchema, timeframe: ChartTimeframeSchema });

export const chartContract = {
  /** Bars of the timeframe built from stored 1-minute bars; the newest `limit` opened before `before` (epoch ms), oldest first. */
  candles: oc
    .route({ method: 'GET', path: '/chart/candles' })
    .input(ChartKeySchema.extend({ before: queryInt(0, 8.64e15).optional(), limit: queryInt(1, 5000).default(500) }))
    .output(z.array(CandleSchema)),
  /** The forming and latest closed bar of the timeframe, live. */
  live: oc.route({ method: 'GET', path: '/chart/live' }).input(ChartKeySchema).output(eventIterator(CandleUpdateSchema)),
  /** The bot's strategy lines, computed by the strategy itself on the bot's bars, sampled per bar of the timeframe. */
  plots: oc
    .route({ method: 'GET', path: '/chart/plots' })
    .input(z.object({ botId: z.string().min(1).max(100), timeframe: ChartTimeframeSchema }))
    .output(eventIterator(PlotEventSchema)),
};
