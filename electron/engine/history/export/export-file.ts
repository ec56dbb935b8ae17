import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportRequest } from '../../../../shared/contract/export.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { csvPieces, type ExportSource } from './export-rows.ts';

export interface ExportProgress {
  rows: number;
  total: number;
}

/** How an export ended: saved under the chosen name, or cancelled by the trader (nothing saved). */
export type ExportOutcome = ExportProgress & { saved: boolean };

export interface FileExportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Opens the temporary file (tests hand in one whose disk fills up). */
  openFile?: (path: string) => Promise<Pick<FileHandle, 'write' | 'sync' | 'close'>>;
}

function why(error: unknown, file: string, rows: number): string {
  const code = (error as { code?: unknown }).code;
  const folder = dirname(file);
  if (code === 'ENOSPC' || code === 'EDQUOT') return `The disk is full: the export to ${file} stopped after ${rows.toLocaleString('en-US')} rows and nothing was saved; free some space on the disk of ${folder} and export again`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `The export could not be saved: writing in ${folder} is not allowed; choose another folder`;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `The export could not be saved: the folder ${folder} does not exist`;
  return `The export to ${file} failed after ${rows.toLocaleString('en-US')} rows and nothing was saved (${code === undefined ? 'an unexpected error' : String(code)})`;
}

/**
 * Writes the export to `file`, all or nothing: the rows go to a hidden temporary file beside it,
 * which is flushed to disk and then renamed over the chosen name. A cancelled or failed export
 * (a full disk) removes its temporary file, so no half file ever carries the chosen name.
 */
export async function exportToFile(source: ExportSource, request: ExportRequest, file: string, options: FileExportOptions = {}): Promise<Result<ExportOutcome>> {
  const csv = csvPieces(source, request, options.signal);
  if (!csv.ok) return csv;
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  let rows = 0;
  let handle: Pick<FileHandle, 'write' | 'sync' | 'close'> | null = null;
  try {
    handle = await (options.openFile ?? ((path) => open(path, 'wx')))(temp);
    options.onProgress?.({ rows, total: csv.value.total });
    for await (const piece of csv.value.pieces) {
      await handle.write(piece.text);
      rows = piece.rows;
      options.onProgress?.({ rows, total: csv.value.total });
    }
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, file);
    return ok({ rows, total: csv.value.total, saved: true });
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    if (options.signal?.aborted) return ok({ rows, total: csv.value.total, saved: false });
    return fail('UNAVAILABLE', why(error, file, rows));
  }
}
