import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { freeBytes } from './out-of-space.ts';

const PROBE_KEY = 'storage.probe';
/** Sixteen fresh pages: enough that a probe cannot pass by fitting into free room inside a page. */
const PROBE_BYTES = 64 * 1024;
/** Writing resumes only with some room to spare, so one burst does not fill the disk straight away again. */
const MIN_FREE_BYTES = 512 * 1024;

/**
 * The write that tells whether space is back: the disk has room to spare, and SQLite can commit a
 * row that needs new pages (which also covers a limit on the file's size). Deleted again in its
 * own commit, its pages stay in the file as free room for the writes that were held.
 */
export async function probeWrite(db: Kysely<Database>, dir: string): Promise<void> {
  const free = freeBytes(dir);
  if (free !== null && free < MIN_FREE_BYTES) {
    throw Object.assign(new Error(`Only ${Math.round(free / 1024)} KB free on ${dir}; waiting for at least ${MIN_FREE_BYTES / 1024} KB`), { code: 'ENOSPC' });
  }
  const valueJson = JSON.stringify('0'.repeat(PROBE_BYTES));
  await db.insertInto('settings').values({ key: PROBE_KEY, valueJson }).onConflict((oc) => oc.column('key').doUpdateSet({ valueJson })).execute();
  await db.deleteFrom('settings').where('key', '=', PROBE_KEY).execute();
}
