import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../shared/errors.ts';

export const LOCK_FILE = 'stoxrobot.lock';
/** Who holds the lock, for the message a second start shows; the lock itself is the SQLite file. */
export const HOLDER_FILE = 'stoxrobot.lock.json';

export interface LockHolder {
  pid: number;
  host: string;
  /** Epoch ms. */
  since: number;
}

export interface DataFolderLock {
  holder: LockHolder;
  release(): void;
}

/**
 * One engine per data folder. The lock is an exclusive SQLite transaction on a file of its own, kept
 * open for the life of the engine: the operating system drops it when the process ends, however it
 * ends (kill -9 included), so a dead holder never blocks the next start. It is taken in every host
 * (the desktop engine process and the headless CLI), before the database is opened.
 *
 * Never open LOCK_FILE with node:fs in the holding process: closing any descriptor of a file drops
 * every POSIX lock the process has on it. The holder's details live in a separate file.
 */
export function acquireDataFolderLock(dataDir: string, now = Date.now()): Result<DataFolderLock> {
  mkdirSync(dataDir, { recursive: true });
  // Not 0: two starts racing for a fresh file can both hold a shared lock while upgrading, and
  // SQLite then refuses one at once; the other needs a moment's patience to win instead of failing too.
  const handle = new BetterSqlite3(join(dataDir, LOCK_FILE), { timeout: 500 });
  try {
    handle.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    handle.close();
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
    return fail('CONFLICT', heldMessage(dataDir, readHolder(dataDir)));
  }
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: now };
  writeHolder(dataDir, holder);
  let released = false;
  return ok({
    holder,
    release: () => {
      if (released) return;
      released = true;
      rmSync(join(dataDir, HOLDER_FILE), { force: true });
      handle.close();
    },
  });
}

function writeHolder(dataDir: string, holder: LockHolder): void {
  const file = join(dataDir, HOLDER_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(holder));
  renameSync(`${file}.tmp`, file);
}

function readHolder(dataDir: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    const valid = Number.isSafeInteger(parsed.pid) && typeof parsed.host === 'string' && Number.isFinite(parsed.since);
    return valid ? (parsed as LockHolder) : null;
  } catch {
    return null; // the holder is between taking the lock and writing its details
  }
}

export function heldMessage(dataDir: string, holder: LockHolder | null): string {
  const who = holder ? `process ${holder.pid} on ${holder.host}, running since ${new Date(holder.since).toLocaleString()}` : 'another StoxRobot process that is starting up';
  return `The data folder ${dataDir} is in use by ${who}. Only one StoxRobot can use a data folder at a time: close the other one, or start with another data folder.`;
}
