import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('timeframe', 'text', (c) => c.notNull())
    .addColumn('strategy_json', 'text', (c) => c.notNull())
    .addColumn('order_qty', 'real', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('stopped','running','paused')`))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('deleted_at', 'integer')
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('client_order_id', 'text', (c) => c.primaryKey())
    .addColumn('venue_order_id', 'text')
    .addColumn('bot_id', 'text', (c) => c.notNull().references('bots.id'))
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('BUY','SELL')`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('qty', 'real', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('price', 'real')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('filled_qty', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('avg_fill_px', 'real')
    .addColumn('reject_reason', 'text')
    .addColumn('ts_init', 'integer', (c) => c.notNull())
    .addColumn('ts_event', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_bot_ts').on('orders').columns(['bot_id', 'ts_init']).execute();
  await db.schema.createIndex('orders_status').on('orders').column('status').execute();

  await db.schema
    .createTable('fills')
    .addColumn('fill_id', 'text', (c) => c.primaryKey())
    .addColumn('client_order_id', 'text', (c) => c.notNull().references('orders.client_order_id'))
    .addColumn('bot_id', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('last_qty', 'real', (c) => c.notNull())
    .addColumn('last_px', 'real', (c) => c.notNull())
    .addColumn('fee', 'real', (c) => c.notNull())
    .addColumn('ts_event', 'integer', (c) => c.notNull())
    .addColumn('ts_init', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fills_bot_ts').on('fills').columns(['bot_id', 'ts_event']).execute();

  await db.schema
    .createTable('positions')
    .addColumn('bot_id', 'text', (c) => c.notNull().references('bots.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('net_qty', 'real', (c) => c.notNull())
    .addColumn('avg_px_open', 'real', (c) => c.notNull())
    .addColumn('realized_pnl', 'real', (c) => c.notNull())
    .addColumn('opened_at', 'integer')
    .addColumn('trip_entry_qty', 'real', (c) => c.notNull())
    .addColumn('trip_exit_qty', 'real', (c) => c.notNull())
    .addColumn('trip_exit_notional', 'real', (c) => c.notNull())
    .addColumn('trip_realized_pnl', 'real', (c) => c.notNull())
    .addColumn('trip_fees', 'real', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('positions_pk', ['bot_id', 'symbol'])
    .execute();

  await db.schema
    .createTable('trades')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bot_id', 'text', (c) => c.notNull().references('bots.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('qty', 'real', (c) => c.notNull())
    .addColumn('avg_px_open', 'real', (c) => c.notNull())
    .addColumn('avg_px_close', 'real', (c) => c.notNull())
    .addColumn('realized_pnl', 'real', (c) => c.notNull())
    .addColumn('fees', 'real', (c) => c.notNull())
    .addColumn('opened_at', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trades_bot_closed').on('trades').columns(['bot_id', 'closed_at']).execute();

  await sql`create table candles (
    venue text not null, symbol text not null, timeframe text not null, ts integer not null,
    open real not null, high real not null, low real not null, close real not null, volume real not null,
    primary key (venue, symbol, timeframe, ts)
  ) without rowid`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ts', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .execute();
}
