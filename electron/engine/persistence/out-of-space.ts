import { statfsSync } from 'node:fs';

/**
 * Below this much free space, an I/O error is taken for a full disk. SQLite reports a full disk as
 * SQLITE_FULL when a plain write fails, but as SQLITE_IOERR_* when growing the shared-memory file,
 * preallocating or syncing fails; better-sqlite3 does not pass on errno, so the free space decides.
 */
const LOW_SPACE_BYTES = 16 * 1024 * 1024;

/** Free bytes for an unprivileged writer on the disk holding `dir`, or null when it cannot be read. */
export function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** Whether a failed write failed for lack of space on the disk holding `dir` (SQLite's own FULL, or an I/O error on a nearly full disk). */
export function isOutOfSpace(error: unknown, dir: string): boolean {
  const codes = codesOf(error);
  if (codes.some((code) => code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT')) return true;
  if (!codes.some((code) => code.startsWith('SQLITE_IOERR'))) return false;
  const free = freeBytes(dir);
  return free !== null && free < LOW_SPACE_BYTES;
}

/** Errors on which SQLite may roll back the whole transaction by itself, not just the failed statement. */
export function mayEndTransaction(error: unknown): boolean {
  return codesOf(error).some((code) => /^SQLITE_(FULL|IOERR|NOMEM|BUSY|CORRUPT)/.test(code));
}
