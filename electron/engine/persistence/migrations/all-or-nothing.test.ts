import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { allOrNothing } from './all-or-nothing.ts';

describe('a migration’s steps in one savepoint', () => {
  it('leaves nothing of a migration that fails half-way, and rethrows its error', async () => {
    const opened = await openDatabase(join(tempDir(), 'migrate.sqlite'));
    const db = opened.db as unknown as Kysely<unknown>;
    const failing = allOrNothing(db, 'half_way', async () => {
      await sql`create table half_way (id integer primary key)`.execute(db);
      await sql`insert into half_way (id) values (1)`.execute(db);
      await sql`insert into half_way (id) values (1)`.execute(db); // a duplicate key: the step fails
    });
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect((await sql<{ name: string }>`select name from sqlite_master where name = 'half_way'`.execute(db)).rows).toEqual([]);
    await allOrNothing(db, 'whole', () => sql`create table whole (id integer primary key)`.execute(db).then(() => undefined));
    expect((await sql<{ name: string }>`select name from sqlite_master where name = 'whole'`.execute(db)).rows).toEqual([{ name: 'whole' }]);
    await expect(allOrNothing(db, 'bad; drop table whole', async () => undefined)).rejects.toThrow('must be lower-case letters and _');
    await opened.close();
  });
});
