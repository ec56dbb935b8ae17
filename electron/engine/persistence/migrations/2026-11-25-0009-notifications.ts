import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'notifications', () => createNotifications(db));
}

/** The in-app alerts centre: what the trader was told, newest first, until read. No secret is ever written here. */
async function createNotifications(db: Kysely<unknown>): Promise<void> {
  await sql`create table notifications (
    id integer primary key autoincrement,
    kind text not null check (length(kind) between 1 and 32),
    title text not null check (length(title) between 1 and 200),
    body text not null check (length(body) <= 4000),
    ts integer not null,
    read integer not null default 0 check (read in (0, 1))
  )`.execute(db);
  await sql`create index notifications_unread on notifications (read, id)`.execute(db);
}
