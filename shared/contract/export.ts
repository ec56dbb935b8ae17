import { z } from 'zod';
import { TradeFilterSchema } from './trade-history.ts';

/** What can be exported: the trade history, or the raw ledger it is built from. */
export const EXPORT_KINDS = ['trades', 'orders', 'fills', 'webhook_log'] as const;
export const ExportKindSchema = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKindSchema>;

/** An IANA zone name (Europe/Berlin); checked against the runtime's zone database by the engine. */
const TimeZoneSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_+\-/]+$/, 'A time zone is a name like Europe/Berlin or UTC');

export const ExportRequestSchema = z
  .object({
    kind: ExportKindSchema.default('trades'),
    /** The history's current filter; empty exports everything. */
    filter: TradeFilterSchema.default({}),
    /** The zone of the local-time columns: the trader's. */
    timeZone: TimeZoneSchema.default('UTC'),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** The file name a download or a save dialog suggests: stoxrobot-trades-2026-11-25.csv. */
export const exportFileName = (kind: ExportKind, now: number): string => `stoxrobot-${kind.replace('_', '-')}-${new Date(now).toISOString().slice(0, 10)}.csv`;
