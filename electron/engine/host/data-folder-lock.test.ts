import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir.ts';
import { acquireDataFolderLock, HOLDER_FILE, heldMessage } from './data-folder-lock.ts';

const SINCE = Date.UTC(2026, 10, 25, 9, 30);

describe('data folder lock', () => {
  it('lets one holder in and tells the next who holds the folder, until it is released', () => {
    const dir = tempDir();
    const first = acquireDataFolderLock(dir, SINCE);
    if (!first.ok) throw new Error(first.error.message);
    expect(JSON.parse(readFileSync(join(dir, HOLDER_FILE), 'utf8'))).toEqual({ pid: process.pid, host: hostname(), since: SINCE });

    const second = acquireDataFolderLock(dir);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.message).toBe(heldMessage(dir, { pid: process.pid, host: hostname(), since: SINCE }));

    first.value.release();
    expect(existsSync(join(dir, HOLDER_FILE))).toBe(false);
    const third = acquireDataFolderLock(dir);
    expect(third.ok).toBe(true);
    if (third.ok) third.value.release();
  });

  it('is not blocked by the details a killed holder left behind', () => {
    const dir = tempDir();
    writeFileSync(join(dir, HOLDER_FILE), JSON.stringify({ pid: 999_999, host: 'gone', since: SINCE }));
    const lock = acquireDataFolderLock(dir);
    expect(lock.ok).toBe(true);
    if (lock.ok) {
      expect(JSON.parse(readFileSync(join(dir, HOLDER_FILE), 'utf8')).pid).toBe(process.pid);
      lock.value.release();
    }
  });

  it('names the holder in plain words, or says it is still starting when its details are not written yet', () => {
    expect(heldMessage('/data', { pid: 42, host: 'desk', since: SINCE })).toContain(`in use by process 42 on desk, running since ${new Date(SINCE).toLocaleString()}`);
    expect(heldMessage('/data', null)).toContain('in use by another StoxRobot process that is starting up');
  });
});
