import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../ports/logger.ts';
import { fillDisk, freeDisk, integrityCheck } from '../testing/full-disk.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { openDatabase } from './open-database.ts';
import { isOutOfSpace, mayEndTransaction } from './out-of-space.ts';
import { readSetting, writeSetting } from './settings.repository.ts';
import { DiskFullError, StorageClosedError, StorageHealth, writeWhenSpace } from './storage-health.ts';
import { probeWrite } from './storage-probe.ts';
import { z } from 'zod';

const BIG = 'x'.repeat(20_000);

async function setup() {
  const dir = tempDir();
  const storage = new StorageHealth({ dir, logger: silentLogger, probeIntervalMs: 10 });
  const opened = await openDatabase(join(dir, 'health.sqlite'), { onQueryError: (error) => storage.noteFailure(error) });
  storage.useProbe(() => probeWrite(opened.db, dir));
  return { dir, storage, ...opened };
}

describe('a write that meets a full disk', () => {
  it('fails with SQLITE_FULL itself, not "cannot rollback", and leaves what was stored intact', async () => {
    const { db, close } = await setup();
    await writeSetting(db, 'kept', { value: 1 });
    await fillDisk(db);
    const written = db.transaction().execute(async (trx) => {
      await writeSetting(trx, 'small', 1);
      await writeSetting(trx, 'big', BIG);
    });
    await expect(written).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    // SQLite ended the transaction itself: neither row of it is there.
    expect(await readSetting(db, 'small', z.number(), -1)).toBe(-1);
    expect(await readSetting(db, 'kept', z.object({ value: z.number() }), { value: 0 })).toEqual({ value: 1 });
    expect(await integrityCheck(db)).toBe('ok');
    await freeDisk(db);
    await writeSetting(db, 'big', BIG);
    expect(await integrityCheck(db)).toBe('ok');
    await close();
  });
});

describe('StorageHealth', () => {
  it('closes the gate at the first refused write and opens it at the first probe after space returns', async () => {
    const { db, dir, storage, close } = await setup();
    const changes: string[] = [];
    storage.onChange((s) => changes.push(s.status));
    await fillDisk(db);
    await expect(writeSetting(db, 'big', BIG)).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(storage.writable).toBe(false);
    expect(storage.status.message).toBe(`The disk is full: StoxRobot paused trading. Free space on ${dir}; trading resumes by itself.`);
    expect(() => storage.assertWritable()).toThrow(DiskFullError);
    expect(await storage.probe()).toBe(false);
    let reopened = false;
    const waiting = storage.whenWritable().then(() => (reopened = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reopened).toBe(false);
    await freeDisk(db);
    await waiting;
    expect(storage.writable).toBe(true);
    expect(changes).toEqual(['full', 'ok']);
    expect(await integrityCheck(db)).toBe('ok');
    storage.close();
    await close();
  });

  it('holds a write that must not be lost until space returns, then makes it once', async () => {
    const { db, storage, close } = await setup();
    await fillDisk(db);
    let attempts = 0;
    const held: unknown[] = [];
    const write = writeWhenSpace(storage, async () => {
      attempts++;
      await writeSetting(db, 'fill', BIG);
      return 'written';
    }, (error) => held.push(error));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held).toHaveLength(1);
    await freeDisk(db);
    await expect(write).resolves.toBe('written');
    expect(attempts).toBe(2);
    expect(await readSetting(db, 'fill', z.string(), '')).toBe(BIG);
    storage.close();
    await close();
  });

  it('releases held writes with StorageClosedError when the engine stops on a full disk', async () => {
    const { db, storage, close } = await setup();
    await fillDisk(db);
    const write = writeWhenSpace(storage, () => writeSetting(db, 'fill', BIG), () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    storage.close();
    await expect(write).rejects.toBeInstanceOf(StorageClosedError);
    await close();
  });

  it('lets other errors through without closing the gate', async () => {
    const { storage } = await setup();
    const constraint = Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    await expect(writeWhenSpace(storage, () => Promise.reject(constraint), () => undefined)).rejects.toBe(constraint);
    expect(storage.writable).toBe(true);
  });
});

describe('isOutOfSpace', () => {
  const dir = tempDir();
  it('knows SQLITE_FULL and ENOSPC, also as the cause of another error', () => {
    expect(isOutOfSpace(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), dir)).toBe(true);
    expect(isOutOfSpace(new Error('Engine error', { cause: Object.assign(new Error('write'), { code: 'ENOSPC' }) }), dir)).toBe(true);
    expect(isOutOfSpace(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }), dir)).toBe(false);
    expect(isOutOfSpace('SQLITE_FULL', dir)).toBe(false);
  });

  it('takes an I/O error for a full disk only when the disk is nearly full', () => {
    // The temp folder's disk has room (the test machine's), so an I/O error there is something else.
    expect(isOutOfSpace(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }), dir)).toBe(false);
    expect(mayEndTransaction(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_SHMSIZE' }))).toBe(true);
    expect(mayEndTransaction(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' }))).toBe(false);
  });
});
