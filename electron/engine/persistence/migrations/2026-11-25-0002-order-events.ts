import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Kysely runs SQLite migrations outside a transaction: one savepoint makes this one all or nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`savepoint order_events`.execute(db);
  try {
    await createOrderEvents(db);
    await keyFillsByVenue(db);
    await sql`release order_events`.execute(db);
  } catch (error) {
    await sql`rollback to order_events`.execute(db);
    await sql`release order_events`.execute(db);
    throw error;
  }
}

async function createOrderEvents(db: Kysely<unknown>): Promise<void> {
  // Every event of every order, applied or not: the order's full history, in arrival order.
  await db.schema
    .createTable('order_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_order_id', 'text', (c) => c.notNull().references('orders.client_order_id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('submitted','accepted','rejected','filled','cancel_requested','canceled','cancel_rejected','expired')`),
    )
    .addColumn('applied', 'integer', (c) => c.notNull().check(sql`applied in (0, 1)`))
    .addColumn('status_after', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('ts_event', 'integer', (c) => c.notNull())
    .addColumn('ts_init', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_events_order').on('order_events').columns(['client_order_id', 'id']).execute();}

async function keyFillsByVenue(db: Kysely<unknown>): Promise<void> {

  // Fill ids are unique per venue, not across venues: the key becomes (venue, fill_id).
  // Fills have no inbound foreign keys, so the table is rebuilt in place (SQLite cannot alter a key).
  await sql`create table fills_by_venue (
    venue text not null,
    fill_id text not null,
    client_order_id text not null references orders (client_order_id),
    bot_id text not null,
    symbol text not null,
    side text not null,
    last_qty real not null,
    last_px real not null,
    fee real not null,
    ts_event integer not null,
    ts_init integer not null,
    primary key (venue, fill_id),
    constraint fills_side check (side in ('BUY', 'SELL')),
    constraint fills_last_qty_positive check (last_qty > 0 and last_qty <= 1e300),
    constraint fills_last_px_positive check (last_px > 0 and last_px <= 1e300),
    constraint fills_fee_not_negative check (fee between 0 and 1e300)
  )`.execute(db);
  await sql`insert into fills_by_venue (venue, fill_id, client_order_id, bot_id, symbol, side, last_qty, last_px, fee, ts_event, ts_init)
    select o.venue, f.fill_id, f.client_order_id, f.bot_id, f.symbol, f.side, f.last_qty, f.last_px, f.fee, f.ts_event, f.ts_init
    from fills f join orders o on o.client_order_id = f.client_order_id`.execute(db);
  await sql`drop table fills`.execute(db);
  await sql`alter table fills_by_venue rename to fills`.execute(db);
  await db.schema.createIndex('fills_bot_ts').on('fills').columns(['bot_id', 'ts_event']).execute();
  await db.schema.createIndex('fills_order').on('fills').column('client_order_id').execute();
}
