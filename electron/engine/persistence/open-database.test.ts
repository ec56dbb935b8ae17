import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir.ts';
import { migrations } from './migrations/index.ts';
import { openDatabase } from './open-database.ts';

describe('openDatabase', () => {
  it('migrates an empty file to the latest schema', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'a.sqlite'));
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['audit_log', 'bots', 'candles', 'fills', 'orders', 'positions', 'settings', 'trades', 'kysely_migration']),
    );
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    await close();
  });

  it('sets WAL, synchronous=FULL and foreign keys again on every reopen', async () => {
    const file = join(tempDir(), 'b.sqlite');
    await (await openDatabase(file)).close();
    const { sqlite, close } = await openDatabase(file);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await close();
  });

  it('keeps data across reopen and runs no migration twice', async () => {
    const file = join(tempDir(), 'c.sqlite');
    const first = await openDatabase(file);
    await first.db.insertInto('settings').values({ key: 'k', valueJson: '1' }).execute();
    await first.close();
    const second = await openDatabase(file);
    expect(await second.db.selectFrom('settings').selectAll().execute()).toEqual([{ key: 'k', valueJson: '1' }]);
    await second.close();
  });
});
