import type { Insertable, Kysely } from 'kysely';
import type { StartingBalance } from '../../../shared/domain/account.ts';
import type { AccountEntriesTable, Database } from '../persistence/database.ts';
import { roundAmount } from './amounts.ts';

/** The current balance of every currency the account holds in an epoch. */
export async function readTotals(db: Kysely<Database>, accountId: string, epoch: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('accountBalances').select(['currency', 'total']).where('accountId', '=', accountId).where('epoch', '=', epoch).execute();
  return new Map(rows.map((r) => [r.currency, r.total]));
}

/** Adds a signed amount to one balance of the epoch, creating it at zero the first time the currency is touched. */
export async function addToBalance(db: Kysely<Database>, key: { accountId: string; epoch: number; currency: string }, delta: number, decimals: number): Promise<number> {
  const row = await db.selectFrom('accountBalances').select('total').where('accountId', '=', key.accountId).where('epoch', '=', key.epoch).where('currency', '=', key.currency).executeTakeFirst();
  const total = roundAmount((row?.total ?? 0) + delta, decimals);
  if (row) {
    await db.updateTable('accountBalances').set({ total }).where('accountId', '=', key.accountId).where('epoch', '=', key.epoch).where('currency', '=', key.currency).execute();
  } else {
    await db.insertInto('accountBalances').values({ ...key, starting: 0, total }).execute();
  }
  return total;
}

/** Records what a fill did to the account; false when this fill id was applied already (a replay). */
export async function insertEntryOnce(db: Kysely<Database>, entry: Insertable<AccountEntriesTable>): Promise<boolean> {
  const result = await db.insertInto('accountEntries').values(entry).onConflict((oc) => oc.column('fillId').doNothing()).executeTakeFirst();
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
