import type { Insertable, Kysely } from 'kysely';
import type { StartingBalance } from '../../../shared/domain/account.ts';
import type { AccountEntriesTable, Database } from '../persistence/database.ts';

/** The current balance of every currency the account holds in an epoch. */
export async function readTotals(db: Kysely<Database>, accountId: string, epoch: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('accountBalances').select(['currency', 'total']).where('accountId', '=', accountId).where('epoch', '=', epoch).execute();
  return new Map(rows.map((r) => [r.currency, r.total]));
}

/** Sets balances of the epoch, creating a currency's row (starting at zero) the first time it is touched. */
export async function writeTotals(db: Kysely<Database>, accountId: string, epoch: number, totals: readonly { currency: string; total: number }[]): Promise<void> {
  await db
    .insertInto('accountBalances')
    .values(totals.map(({ currency, total }) => ({ accountId, epoch, currency, starting: 0, total })))
    .onConflict((oc) => oc.columns(['accountId', 'epoch', 'currency']).doUpdateSet((eb) => ({ total: eb.ref('excluded.total') })))
    .execute();
}

/** Records what a fill did to the account; false when this fill id was applied already (a replay). */
export async function insertEntryOnce(db: Kysely<Database>, entry: Insertable<AccountEntriesTable>): Promise<boolean> {
  const result = await db.insertInto('accountEntries').values(entry).onConflict((oc) => oc.columns(['clientOrderId', 'fillId']).doNothing()).executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/**
 * Closes the current epoch and opens the next with the given starting balances; the old epoch's
 * balances, entries and equity rows stay where they are, under their own epoch number.
 */
export async function startEpoch(db: Kysely<Database>, accountId: string, previous: number, startedAt: number, starting: readonly StartingBalance[]): Promise<number> {
  const epoch = previous + 1;
  await db.updateTable('accountEpochs').set({ endedAt: startedAt }).where('accountId', '=', accountId).where('epoch', '=', previous).execute();
  await db.insertInto('accountEpochs').values({ accountId, epoch, startedAt, endedAt: null }).execute();
  if (starting.length > 0) {
    await db.insertInto('accountBalances').values(starting.map((b) => ({ accountId, epoch, currency: b.currency, starting: b.amount, total: b.amount }))).execute();
  }
  await db.updateTable('accounts').set({ epoch }).where('id', '=', accountId).execute();
  return epoch;
}
