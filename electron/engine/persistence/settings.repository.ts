import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from './database.ts';

/** Reads a setting, falling back to the default when it is missing or no longer valid. */
export async function readSetting<T>(db: Kysely<Database>, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await db.selectFrom('settings').select('valueJson').where('key', '=', key).executeTakeFirst();
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.valueJson));
  return parsed.success ? parsed.data : fallback;
}

export async function writeSetting(db: Kysely<Database>, key: string, value: unknown): Promise<void> {
  const valueJson = JSON.stringify(value);
  await db.insertInto('settings').values({ key, valueJson }).onConflict((oc) => oc.column('key').doUpdateSet({ valueJson })).execute();
}
