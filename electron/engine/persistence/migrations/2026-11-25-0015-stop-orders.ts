import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'stop_orders', async () => {
    await addTriggerPrice(db);
    await allowTriggeredEvents(db);
  });
}

/** The price that wakes a stop order; null for market and limit orders, and for every order stored before. */
async function addTriggerPrice(db: Kysely<unknown>): Promise<void> {
  await sql`alter table orders add column trigger_price real
    constraint orders_trigger_price_positive check (trigger_price is null or (trigger_price > 0 and trigger_price <= 1e300))`.execute(db);
}

/**
 * A stop's history says when it was triggered: the kind check is widened with 'triggered'.
 * SQLite cannot alter a check, and nothing references order_events, so it is rebuilt in place.
 */
async function allowTriggeredEvents(db: Kysely<unknown>): Promise<void> {
  await sql`create table order_events_v2 (
    id integer primary key autoincrement,
    client_order_id text not null references orders (client_order_id),
    kind text not null check (kind in ('submitted','accepted','rejected','filled','cancel_requested','canceled','cancel_rejected','expired','triggered')),
    applied integer not null check (applied in (0, 1)),
    status_after text not null,
    detail text not null,
    ts_event integer not null,
    ts_init integer not null
  )`.execute(db);
  await sql`insert into order_events_v2 (id, client_order_id, kind, applied, status_after, detail, ts_event, ts_init)
    select id, client_order_id, kind, applied, status_after, detail, ts_event, ts_init from order_events`.execute(db);
  await sql`drop table order_events`.execute(db);
  await sql`alter table order_events_v2 rename to order_events`.execute(db);
  await sql`create index order_events_order on order_events (client_order_id, id)`.execute(db);
}
