import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  // An alert's plan, stored in one transaction before its first order: after a crash the stored
  // legs are run, never a plan worked out again from a position the first legs already changed.
  await sql`create table alert_legs (
    alert_id integer not null references alerts(id) on delete cascade,
    leg integer not null check (leg >= 0),
    symbol text not null,
    side text not null check (side in ('BUY','SELL')),
    type text not null check (type in ('MARKET','LIMIT')),
    qty real not null check (qty > 0 and qty < 1e15),
    price real check (price is null or (price > 0 and price < 1e15)),
    client_order_id text not null unique,
    status text not null default 'pending' check (status in ('pending','done','failed')),
    reason text,
    primary key (alert_id, leg)
  )`.execute(db);

  // A protective close in flight (named before it is placed) and the reason the last one failed:
  // the levels stay until the close is filled, and a failed close shows on the position.
  await db.schema.alterTable('protections').addColumn('closing_order_id', 'text').execute();
  await db.schema.alterTable('protections').addColumn('close_error', 'text').execute();
  await db.schema.alterTable('protections').addColumn('close_error_at', 'integer').execute();
}
