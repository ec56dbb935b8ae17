import type { Kysely, Selectable } from 'kysely';
import type { Bot, BotConfig, BotStatus } from '../../../shared/domain/bot.ts';
import { StrategySchema } from '../../../shared/domain/bot.ts';
import { BotSizingSchema } from '../../../shared/domain/bot-sizing.ts';
import { BotExitsSchema } from '../../../shared/domain/bot-exits.ts';
import type { BotsTable, Database } from './database.ts';

function toBot(row: Selectable<BotsTable>): Bot {
  return {
    id: row.id,
    name: row.name,
    symbol: row.symbol,
    timeframe: row.timeframe as Bot['timeframe'],
    // Parsed, not cast: a row edited by hand fails loudly here instead of deep in a strategy.
    strategy: StrategySchema.parse(JSON.parse(row.strategyJson)),
    orderQty: row.orderQty,
    // Left out when none, so a bot without exits reads as it did before they existed.
    ...(row.exitsJson === null ? {} : { exits: BotExitsSchema.parse(JSON.parse(row.exitsJson)) }),
    account: row.account as Bot['account'],
    ...(row.sizingJson === null ? {} : { sizing: BotSizingSchema.parse(JSON.parse(row.sizingJson)) }),
    status: row.status as BotStatus,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toColumns(config: BotConfig) {
  const { strategy, sizing, exits, ...rest } = config;
  // Left out when there is none: a new bot keeps the column's null, an update keeps the stored sizing (limits are never dropped
  // by a caller that does not know them), and older schemas in tests still take the row. Exits: absent is left as stored, null is none.
  return {
    ...rest,
    strategyJson: JSON.stringify(strategy),
    ...(sizing === undefined ? {} : { sizingJson: JSON.stringify(sizing) }),
    ...(exits === undefined ? {} : { exitsJson: exits ? JSON.stringify(exits) : null }),
  };
}

export async function insertBot(db: Kysely<Database>, bot: Bot): Promise<void> {
  const { id, status, createdAt, updatedAt, ...config } = bot;
  await db.insertInto('bots').values({ id, status, createdAt, updatedAt, deletedAt: null, ...toColumns(config) }).execute();
}

export async function findBot(db: Kysely<Database>, id: string): Promise<Bot | undefined> {
  const row = await db.selectFrom('bots').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  return row && toBot(row);
}

/** The account a bot trades on (its orders go to that account's venue); undefined for an unknown bot. */
export async function botAccountId(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('bots').select('account').where('id', '=', id).executeTakeFirst();
  return row?.account;
}

export async function listBots(db: Kysely<Database>): Promise<Bot[]> {
  const rows = await db.selectFrom('bots').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').execute();
  return rows.map(toBot);
}

export async function updateBotConfig(db: Kysely<Database>, id: string, config: BotConfig, ts: number): Promise<void> {
  await db.updateTable('bots').set({ ...toColumns(config), updatedAt: ts }).where('id', '=', id).execute();
}

export async function setBotStatus(db: Kysely<Database>, id: string, status: BotStatus, ts: number): Promise<void> {
  await db.updateTable('bots').set({ status, updatedAt: ts }).where('id', '=', id).execute();
}

/** Soft delete: the bot's orders and trades stay in the history. */
export async function markBotDeleted(db: Kysely<Database>, id: string, ts: number): Promise<void> {
  await db.updateTable('bots').set({ deletedAt: ts, status: 'stopped', updatedAt: ts }).where('id', '=', id).execute();
}
