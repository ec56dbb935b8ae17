import { parseArgs } from 'node:util';
import { type ExportKind, ExportRequestSchema } from '../../shared/contract/export.ts';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { parseDateBound } from './dates.ts';

export const EXPORT_USAGE = `Usage: npm run cli -- export (trades | orders | fills | webhook-log) --out FILE [options]
  --out FILE            the CSV file to write (replaced only once the export is complete)
  --from DATE --to DATE range in UTC: 2024-01-01 or 2024-01-01T12:00; a --to date alone includes that day
                        (trades by their exit time, orders by creation, fills and webhook calls by their time)
  --bot ID              only this bot (repeatable)
  --tz ZONE             zone of the local-time columns, like Europe/Berlin (default: this computer's)
  --data DIR            the app's data folder (default ~/.stoxrobot)
The columns of each file are listed in README.md ("CSV export").`;

export interface ExportCommand {
  request: ReturnType<typeof ExportRequestSchema.parse>;
  out: string;
  dataDir: string | null;
}

const KINDS: Record<string, ExportKind> = { trades: 'trades', orders: 'orders', fills: 'fills', 'webhook-log': 'webhook_log' };

const usage = (message: string): Result<never> => fail('INVALID_INPUT', `${message}\n\n${EXPORT_USAGE}`);

/** Reads `export`'s arguments; a wrong or missing one is a message with the usage. */
export function parseExportArgs(argv: readonly string[]): Result<ExportCommand> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, bot: { type: 'string', multiple: true }, tz: { type: 'string' }, data: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [what, ...extra] = positionals;
  const kind = what === undefined ? undefined : KINDS[what];
  if (kind === undefined) return usage(what === undefined ? 'Say what to export: trades, orders, fills or webhook-log' : `Cannot export '${what}': choose trades, orders, fills or webhook-log`);
  if (extra.length > 0) return usage(`Unexpected '${extra.join(' ')}'`);
  if (values.out === undefined) return usage('Say where to write the CSV with --out FILE');
  const from = values.from === undefined ? undefined : parseDateBound(values.from, 'from');
  // A trade's time is a millisecond, and the filter's end is inclusive: the bound's own millisecond is excluded.
  const toExclusive = values.to === undefined ? undefined : parseDateBound(values.to, 'to');
  if (from === null) return usage(`--from must be a date like 2024-01-01 or 2024-01-01T12:00, got '${values.from}'`);
  if (toExclusive === null) return usage(`--to must be a date like 2024-12-31 or 2024-12-31T23:59, got '${values.to}'`);
  if (from !== undefined && toExclusive !== undefined && toExclusive <= from) return usage(`--to (${values.to}) must be after --from (${values.from})`);
  const parsedRequest = ExportRequestSchema.safeParse({
    kind,
    filter: { ...(from !== undefined ? { from } : {}), ...(toExclusive !== undefined ? { to: toExclusive - 1 } : {}), ...(values.bot ? { botIds: values.bot } : {}) },
    timeZone: values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  if (!parsedRequest.success) return usage(parsedRequest.error.issues.map((issue) => `${issue.path.join('.') || 'export'}: ${issue.message}`).join('; '));
  return ok({ request: parsedRequest.data, out: values.out, dataDir: values.data ?? null });
}

