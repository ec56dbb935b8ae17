import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

export interface LogRetention {
  /** Entries older than this (epoch ms) go; null: no age limit. */
  olderThan: number | null;
  maxEntries: number;
}

/**
 * Deletes webhook log entries past their age, then the oldest past the entry limit. The entry of
 * an alert still waiting to be acted on stays: the recovery at start writes its outcome there.
 * Returns how many entries went.
 */
export async function pruneWebhookLog(db: Kysely<Database>, { olderThan, maxEntries }: LogRetention): Promise<number> {
  const pending = db.selectFrom('alerts').select('id').where('status', '=', 'pending');
  const prunable = () => db.deleteFrom('webhookLog').where((eb) => eb.or([eb('alertId', 'is', null), eb('alertId', 'not in', pending)]));
  let deleted = 0n;
  if (olderThan !== null) deleted += (await prunable().where('ts', '<', olderThan).executeTakeFirst()).numDeletedRows;
  const newestDropped = await db.selectFrom('webhookLog').select('id').orderBy('id', 'desc').limit(1).offset(maxEntries).executeTakeFirst();
  if (newestDropped) deleted += (await prunable().where('id', '<=', newestDropped.id).executeTakeFirst()).numDeletedRows;
  return Number(deleted);
}
