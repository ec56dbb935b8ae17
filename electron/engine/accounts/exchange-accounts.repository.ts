import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ExchangeAccountsTable } from '../persistence/database.ts';

export type ExchangeAccountRow = Selectable<ExchangeAccountsTable> & { currency: string };

export interface NewExchangeAccount {
  accountId: string;
  exchangeId: string;
  label: string;
  sandbox: boolean;
  currency: string;
  options: Record<string, unknown>;
  secretRef: string | null;
  apiKeyLast4: string | null;
  now: number;
}

const withCurrency = (db: Kysely<Database>) =>
  db.selectFrom('exchangeAccounts').innerJoin('accounts', 'accounts.id', 'exchangeAccounts.accountId').selectAll('exchangeAccounts').select('accounts.currency');

export async function findExchangeAccount(db: Kysely<Database>, accountId: string): Promise<ExchangeAccountRow | undefined> {
  return withCurrency(db).where('exchangeAccounts.accountId', '=', accountId).executeTakeFirst();
}

export async function listExchangeAccounts(db: Kysely<Database>): Promise<ExchangeAccountRow[]> {
  return withCurrency(db).orderBy('exchangeAccounts.accountId').execute();
}

/** The account (its first epoch starting now) and its exchange settings; call inside a transaction. */
export async function insertExchangeAccount(trx: Kysely<Database>, a: NewExchangeAccount): Promise<void> {
  await trx.insertInto('accounts').values({ id: a.accountId, kind: 'exchange', currency: a.currency, epoch: 1, createdAt: a.now }).execute();
  await trx.insertInto('accountEpochs').values({ accountId: a.accountId, epoch: 1, startedAt: a.now, endedAt: null }).execute();
  await trx
    .insertInto('exchangeAccounts')
    .values({
      accountId: a.accountId,
      exchangeId: a.exchangeId,
      label: a.label,
      sandbox: a.sandbox ? 1 : 0,
      optionsJson: JSON.stringify(a.options),
      secretRef: a.secretRef,
      apiKeyLast4: a.apiKeyLast4,
      createdAt: a.now,
      updatedAt: a.now,
    })
    .execute();
}

export async function updateExchangeAccount(db: Kysely<Database>, accountId: string, patch: Updateable<ExchangeAccountsTable>): Promise<void> {
  await db.updateTable('exchangeAccounts').set(patch).where('accountId', '=', accountId).execute();
}

/** Bots (not deleted) that trade through the account, by name. */
export async function botsOnAccount(db: Kysely<Database>, accountId: string): Promise<string[]> {
  const rows = await db.selectFrom('bots').select('name').where('account', '=', accountId).where('deletedAt', 'is', null).orderBy('name').execute();
  return rows.map((r) => r.name);
}

/** The account and everything recorded under it, children first (foreign keys are on); call inside a transaction. */
export async function deleteExchangeAccount(trx: Kysely<Database>, accountId: string): Promise<void> {
  await trx.deleteFrom('exchangeAccounts').where('accountId', '=', accountId).execute();
  await trx.deleteFrom('accountEquity').where('accountId', '=', accountId).execute();
  await trx.deleteFrom('accountEntries').where('accountId', '=', accountId).execute();
  await trx.deleteFrom('accountBalances').where('accountId', '=', accountId).execute();
  await trx.deleteFrom('accountStartingBalances').where('accountId', '=', accountId).execute();
  await trx.deleteFrom('accountEpochs').where('accountId', '=', accountId).execute();
  await trx.deleteFrom('accounts').where('id', '=', accountId).where('kind', '=', 'exchange').execute();
}
