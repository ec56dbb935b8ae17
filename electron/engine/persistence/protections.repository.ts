import type { Kysely } from 'kysely';
import type { Database, ProtectionsTable } from './database.ts';

export async function loadProtections(db: Kysely<Database>): Promise<ProtectionsTable[]> {
  return db.selectFrom('protections').selectAll().execute();
}

export async function saveProtection(db: Kysely<Database>, row: ProtectionsTable): Promise<void> {
  const { botId: _bot, symbol: _symbol, ...state } = row;
  await db
    .insertInto('protections')
    .values(row)
    .onConflict((oc) => oc.columns(['botId', 'symbol']).doUpdateSet(state))
    .execute();
}

export async function deleteProtection(db: Kysely<Database>, botId: string, symbol: string): Promise<void> {
  await db.deleteFrom('protections').where('botId', '=', botId).where('symbol', '=', symbol).execute();
}
