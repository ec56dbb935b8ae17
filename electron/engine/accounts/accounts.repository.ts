import type { Kysely, Selectable } from 'kysely';
import type { StartingBalance } from '../../../shared/domain/account.ts';
import { type Order, type OrderSide, type OrderSource, type OrderStatus, type OrderType } from '../../../shared/domain/order.ts';
import { OPEN_STATUSES } from '../execution/order-state.ts';
import type { AccountEpochsTable, AccountsTable, Database } from '../persistence/database.ts';

export type AccountRow = Selectable<AccountsTable>;

export async function findAccount(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAccounts(db: Kysely<Database>): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('id').execute();
}

/** The account an order spends from: its bot's. */
export async function accountOfBot(db: Kysely<Database>, botId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('bots').innerJoin('accounts', 'accounts.id', 'bots.account').selectAll('accounts').where('bots.id', '=', botId).executeTakeFirst();
}

export async function findEpoch(db: Kysely<Database>, accountId: string, epoch: number): Promise<Selectable<AccountEpochsTable> | undefined> {
  return db.selectFrom('accountEpochs').selectAll().where('accountId', '=', accountId).where('epoch', '=', epoch).executeTakeFirst();
}

/** Orders of the account's bots that may still fill (and so hold funds back), optionally leaving one out. */
export async function openOrdersOfAccount(db: Kysely<Database>, accountId: string, except?: string): Promise<(Order & { botName: string })[]> {
  let query = db
    .selectFrom('orders')
    .innerJoin('bots', 'bots.id', 'orders.botId')
    .selectAll('orders')
    .select('bots.name as botName')
    .where('bots.account', '=', accountId)
    .where('orders.status', 'in', OPEN_STATUSES);
  if (except) query = query.where('orders.clientOrderId', '!=', except);
  return (await query.execute()).map((row) => ({ ...row, side: row.side as OrderSide, type: row.type as OrderType, status: row.status as OrderStatus, source: row.source as OrderSource }));
}

/** Positions the account's bots hold (not flat), with the bot's name for messages. */
export async function heldPositions(db: Kysely<Database>, accountId: string): Promise<{ botId: string; botName: string; symbol: string; netQty: number }[]> {
  return db
    .selectFrom('positions')
    .innerJoin('bots', 'bots.id', 'positions.botId')
    .select(['positions.botId', 'bots.name as botName', 'positions.symbol', 'positions.netQty'])
    .where('bots.account', '=', accountId)
    .where('positions.netQty', '!=', 0)
    .orderBy('bots.name')
    .execute();
}

export async function botNetQty(db: Kysely<Database>, botId: string, symbol: string): Promise<number> {
  const row = await db.selectFrom('positions').select('netQty').where('botId', '=', botId).where('symbol', '=', symbol).executeTakeFirst();
  return row?.netQty ?? 0;
}

export async function readStartingBalances(db: Kysely<Database>, accountId: string): Promise<StartingBalance[]> {
  return db.selectFrom('accountStartingBalances').select(['currency', 'amount']).where('accountId', '=', accountId).orderBy('currency').execute();
}

export async function replaceStartingBalances(db: Kysely<Database>, accountId: string, balances: readonly StartingBalance[]): Promise<void> {
  await db.deleteFrom('accountStartingBalances').where('accountId', '=', accountId).execute();
  if (balances.length > 0) await db.insertInto('accountStartingBalances').values(balances.map((b) => ({ accountId, ...b }))).execute();
}
