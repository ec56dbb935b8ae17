import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Only a SHA-256 digest of each bot's alert passphrase: the passphrase itself is shown once.
  await db.schema
    .createTable('webhook_keys')
    .addColumn('bot_id', 'text', (c) => c.primaryKey().references('bots.id'))
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  // One row per accepted alert; the unique dedupe key makes a resent or copied alert a no-op.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('bot_id', 'text', (c) => c.notNull().references('bots.id'))
    .addColumn('received_at', 'integer', (c) => c.notNull())
    .addColumn('command_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','executed','refused','failed')`))
    .addColumn('result', 'text')
    .addColumn('order_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('alerts_received').on('alerts').column('received_at').execute();

  await db.schema
    .createTable('webhook_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ts', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('bot_id', 'text')
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'integer', (c) => c.references('alerts.id'))
    .addColumn('order_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('webhook_log_ts').on('webhook_log').column('ts').execute();
  await db.schema.createIndex('webhook_log_bot').on('webhook_log').columns(['bot_id', 'ts']).execute();

  // Stop-loss and take-profit levels the engine watches on every tick.
  await db.schema
    .createTable('protections')
    .addColumn('bot_id', 'text', (c) => c.notNull().references('bots.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('stop_loss', 'real')
    .addColumn('take_profit', 'real')
    .addPrimaryKeyConstraint('protections_pk', ['bot_id', 'symbol'])
    .execute();

  // Entries in the current round trip, for the pyramiding limit of signal bots.
  await db.schema.alterTable('positions').addColumn('trip_entries', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
