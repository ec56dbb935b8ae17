import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { AccountIdSchema } from '../domain/account.ts';
import { SymbolSchema } from '../domain/instrument.ts';

/** Timeframes a stored history may have: ccxt's common ones of fixed length (a month varies). */
export const HISTORY_TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w'] as const;
export const HistoryTimeframeSchema = z.enum(HISTORY_TIMEFRAMES, { error: `Timeframe must be one of ${HISTORY_TIMEFRAMES.join(', ')}` });
export type HistoryTimeframe = z.infer<typeof HistoryTimeframeSchema>;

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
/** A timeframe's length in milliseconds. */
export const timeframeMs = (timeframe: HistoryTimeframe): number => Number(timeframe.slice(0, -1)) * UNIT_MS[timeframe.slice(-1) as keyof typeof UNIT_MS];

/** The simulated market's own bars, pruned by retention: imports and backfills go elsewhere. */
export const SIMULATED_VENUE = 'paper';

export const HistoryVenueSchema = z
  .string()
  .min(1, 'Name the source, e.g. csv')
  .max(40, 'At most 40 characters')
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, ., - and _ only')
  .refine((venue) => venue !== SIMULATED_VENUE, `"${SIMULATED_VENUE}" holds the simulated market's bars, which are pruned; pick another name`);

export const SeriesKeySchema = z.object({ venue: HistoryVenueSchema, symbol: SymbolSchema, timeframe: HistoryTimeframeSchema });
export type HistorySeriesKey = z.infer<typeof SeriesKeySchema>;

/** A series as stored: any venue (the simulated market's too) and any timeframe text. */
export const StoredSeriesSchema = z.object({
  venue: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  firstTs: z.number().int(),
  lastTs: z.number().int(),
  count: z.number().int(),
});
export type StoredSeries = z.infer<typeof StoredSeriesSchema>;

export const CandleCsvReportSchema = z.object({
  rowsRead: z.number().int(),
  hasHeader: z.boolean(),
  timestampUnit: z.enum(['s', 'ms', 'us', 'iso']),
  intervalMs: z.number().nullable(),
  duplicates: z.number().int(),
  duplicateTimes: z.array(z.number()),
  wasSorted: z.boolean(),
  gapCount: z.number().int(),
  missingBars: z.number().int(),
  gaps: z.array(z.object({ from: z.number(), to: z.number(), missingBars: z.number().int() })),
});

export const CsvImportRequestSchema = SeriesKeySchema.extend({
  /** A file on the engine's machine (desktop: chosen in a dialog; headless: typed). */
  path: z.string().trim().min(1, 'Give the path of a CSV file').max(4096),
});

const StoredKeySchema = z.object({ venue: z.string(), symbol: z.string(), timeframe: z.string() });

export const CsvImportResultSchema = z.object({
  series: StoredKeySchema,
  report: CandleCsvReportSchema,
  inserted: z.number().int(),
  alreadyStored: z.number().int(),
});

const EpochMsSchema = z.number().int().min(Date.UTC(2000, 0, 1), 'From 2000 on').max(Date.UTC(2200, 0, 1));

export const BackfillRequestSchema = z
  .object({
    /** The exchange account whose exchange (and testnet/options) the bars come from; no keys are used. */
    accountId: AccountIdSchema,
    symbol: SymbolSchema,
    timeframe: HistoryTimeframeSchema,
    /** Oldest bar wanted (epoch ms); a series already stored continues from its newest bar. */
    from: EpochMsSchema,
    /** Up to this time (epoch ms); now when absent. */
    to: EpochMsSchema.optional(),
  })
  .refine((r) => r.to === undefined || r.to > r.from, { message: 'The end must be after the start', path: ['to'] });
export type BackfillRequest = z.infer<typeof BackfillRequestSchema>;

export const BackfillStateSchema = z.enum(['running', 'waiting', 'done', 'cancelled', 'failed']);

export const BackfillProgressSchema = z.object({
  id: z.string(),
  series: StoredKeySchema,
  state: BackfillStateSchema,
  /** Where this run started (after what was stored) and where it ends, epoch ms. */
  from: z.number(),
  to: z.number(),
  /** The newest bar fetched so far; null before the first page. */
  reachedTs: z.number().nullable(),
  fetched: z.number().int(),
  inserted: z.number().int(),
  /** 0 to 1 by time covered. */
  fraction: z.number().min(0).max(1),
  /** Why it waits (a rate limit, an outage) or failed, in words; null otherwise. */
  message: z.string().nullable(),
});
export type BackfillProgress = z.infer<typeof BackfillProgressSchema>;

const byId = z.object({ id: z.string().min(1).max(64) });

export const historyContract = {
  series: oc.route({ method: 'GET', path: '/history/series' }).input(z.object({}).optional()).output(z.array(StoredSeriesSchema)),
  import: oc.route({ method: 'POST', path: '/history/import' }).input(CsvImportRequestSchema).output(CsvImportResultSchema),
  delete: oc.route({ method: 'DELETE', path: '/history/series' }).input(SeriesKeySchema).output(z.object({ deleted: z.number().int() })),
  backfill: oc.route({ method: 'POST', path: '/history/backfill' }).input(BackfillRequestSchema).output(BackfillProgressSchema),
  backfills: oc.route({ method: 'GET', path: '/history/backfills' }).input(z.object({}).optional()).output(z.array(BackfillProgressSchema)),
  /** The backfill's progress until it ends: the current state first, then every change. */
  progress: oc.route({ method: 'GET', path: '/history/backfills/{id}/progress' }).input(byId).output(eventIterator(BackfillProgressSchema)),
  cancel: oc.route({ method: 'POST', path: '/history/backfills/{id}/cancel' }).input(byId).output(BackfillProgressSchema),
};
