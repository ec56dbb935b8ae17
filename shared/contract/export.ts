import { eventIterator, oc } from '@orpc/contract';
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

export const ExportEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), rows: z.number().int(), total: z.number().int() }),
  /** `saved` false: the dialog was closed or the export cancelled; nothing was written. `fileName` is the name only, never the folder. */
  z.object({ kind: z.literal('done'), saved: z.boolean(), rows: z.number().int(), fileName: z.string().nullable() }),
  /** Why nothing was saved (a full disk, a folder not writable), in a trader's words. */
  z.object({ kind: z.literal('failed'), message: z.string() }),
]);
export type ExportEvent = z.infer<typeof ExportEventSchema>;

export const exportContract = {
  /**
   * Desktop: asks where to save with the native dialog, writes the CSV there, streaming progress;
   * closing the stream cancels it (no file is left). The headless host serves downloads instead
   * (GET /download/export.csv?request=<this input as JSON>, with the access token).
   */
  save: oc.route({ method: 'POST', path: '/exports/save' }).input(ExportRequestSchema).output(eventIterator(ExportEventSchema)),
};
