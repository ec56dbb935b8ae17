import type { Kysely } from 'kysely';
import { NotificationKindSchema, type Notification } from '../../../shared/contract/notifications.ts';
import type { Database } from '../persistence/database.ts';
import type { NotifyEvent } from './notify-event.ts';

/** Stores a batch and keeps only the newest `keep` rows, in one transaction. */
export async function insertNotifications(db: Kysely<Database>, batch: readonly NotifyEvent[], keep: number): Promise<Notification[]> {
  return db.transaction().execute(async (trx) => {
    const stored: Notification[] = [];
    for (const event of batch) {
      const row = { kind: event.kind, title: event.title.slice(0, 200), body: event.body.slice(0, 4000), ts: event.ts, read: 0 };
      const { id } = await trx.insertInto('notifications').values(row).returning('id').executeTakeFirstOrThrow();
      stored.push({ ...row, id, read: false });
    }
    const cutoff = await trx.selectFrom('notifications').select('id').orderBy('id', 'desc').offset(keep).limit(1).executeTakeFirst();
    if (cutoff) await trx.deleteFrom('notifications').where('id', '<=', cutoff.id).execute();
    return stored;
  });
}

export async function listNotifications(db: Kysely<Database>, options: { unreadOnly?: boolean; limit?: number }): Promise<Notification[]> {
  let query = db.selectFrom('notifications').selectAll().orderBy('id', 'desc').limit(options.limit ?? 100);
  if (options.unreadOnly) query = query.where('read', '=', 0);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, kind: NotificationKindSchema.catch('action_needed').parse(row.kind), read: row.read === 1 }));
}

export async function countUnread(db: Kysely<Database>): Promise<number> {
  const { count } = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('count')).where('read', '=', 0).executeTakeFirstOrThrow();
  return Number(count);
}

export async function markRead(db: Kysely<Database>, which: { ids: readonly number[] } | { all: true }): Promise<void> {
  const query = db.updateTable('notifications').set({ read: 1 }).where('read', '=', 0);
  await ('ids' in which ? query.where('id', 'in', which.ids) : query).execute();
}
