import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { exportToFile } from '../engine/history/export/export-file.ts';
import { DATABASE_FILE } from '../engine/index.ts';
import { openReader } from '../engine/persistence/open-reader.ts';
import { parseExportArgs } from './export-args.ts';

const NOUNS = { trades: 'trades', orders: 'orders', fills: 'fills', webhook_log: 'webhook calls' } as const;

/**
 * `export`: the same export the app makes, from the app's database read-only (it may run
 * meanwhile: WAL lets readers share the file). Ctrl-C cancels and leaves no file behind.
 */
export async function exportCommand(argv: readonly string[], signal?: AbortSignal): Promise<Result<string>> {
  const command = parseExportArgs(argv);
  if (!command.ok) return command;
  const dataDir = command.value.dataDir ?? join(homedir(), '.stoxrobot');
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return fail('INVALID_INPUT', `There is no StoxRobot database in ${dataDir} (give the data folder with --data DIR)`);
  const reader = openReader(file);
  try {
    const out = resolve(command.value.out);
    const result = await exportToFile({ qb: reader.reads, sqlite: reader.sqlite }, command.value.request, out, signal ? { signal } : {});
    if (!result.ok) return result;
    const noun = NOUNS[command.value.request.kind];
    if (!result.value.saved) return fail('CONFLICT', `Export cancelled after ${result.value.rows.toLocaleString('en-US')} ${noun}; nothing was written to ${out}`);
    return ok(`Exported ${result.value.rows.toLocaleString('en-US')} ${noun} to ${out}`);
  } finally {
    await reader.close();
  }
}
