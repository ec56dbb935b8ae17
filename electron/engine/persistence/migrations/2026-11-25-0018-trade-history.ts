import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'trade_history', async () => {
    await tradeProvenance(db);
    await historyIndexes(db);
  });
}

/**
 * Where each trade came from: the account it was on, the order that opened it and the one that
 * closed it, who placed the entry (and the alert, for an alert's), and its return and duration.
 * Older trades are read back from their fills: the entry is the first fill of the bot's symbol
 * from the trade's opening time, the exit the last one at its closing time. A trade with no such
 * fill (a position adjusted or written off by the trader) has no entry order and no source.
 */
async function tradeProvenance(db: Kysely<unknown>): Promise<void> {
  await sql`alter table positions add column trip_entry_order_id text`.execute(db);
  await sql`update positions set trip_entry_order_id = (
    select f.client_order_id from fills f
    where f.bot_id = positions.bot_id and f.symbol = positions.symbol and f.ts_event >= positions.opened_at
    order by f.ts_event, f.rowid limit 1
  ) where opened_at is not null and net_qty <> 0`.execute(db);

  await sql`alter table trades add column account_id text not null default 'paper'`.execute(db);
  await sql`update trades set account_id = coalesce((select account from bots where bots.id = trades.bot_id), 'paper')`.execute(db);
  await sql`alter table trades add column entry_order_id text`.execute(db);
  await sql`update trades set entry_order_id = (
    select f.client_order_id from fills f
    where f.bot_id = trades.bot_id and f.symbol = trades.symbol and f.ts_event between trades.opened_at and trades.closed_at
    order by f.ts_event, f.rowid limit 1
  )`.execute(db);
  await sql`alter table trades add column exit_order_id text`.execute(db);
  await sql`update trades set exit_order_id = (
    select f.client_order_id from fills f
    where f.bot_id = trades.bot_id and f.symbol = trades.symbol and f.ts_event = trades.closed_at
    order by f.rowid desc limit 1
  )`.execute(db);
  await sql`alter table trades add column source text
    check (source is null or source in ('strategy', 'alert', 'manual', 'protection', 'emergency'))`.execute(db);
  await sql`update trades set source = (select source from orders where client_order_id = trades.entry_order_id)`.execute(db);
  await sql`alter table trades add column alert_id integer`.execute(db);
  await sql`create index alert_legs_order on alert_legs (client_order_id)`.execute(db);
  await sql`update trades set alert_id = (select alert_id from alert_legs where client_order_id = trades.entry_order_id)`.execute(db);
  // Derived, so they can never disagree with the row; virtual columns can still be indexed for sorting.
  // Never null (a null would drop out of keyset pages): an entry worth nothing (an underflow) returns 0.
  await sql`alter table trades add column return_ratio real not null generated always as (
    coalesce(realized_pnl / (qty * avg_px_open), 0)) virtual`.execute(db);
  await sql`alter table trades add column duration_ms integer generated always as (closed_at - opened_at) virtual`.execute(db);
}

/**
 * One index per sort the history offers, each ending in the row id (implicit in SQLite indexes),
 * so a page is read in index order from its cursor instead of sorting the whole ledger; the
 * date-ordered ones lead with the usual filters (account, symbol) too.
 */
async function historyIndexes(db: Kysely<unknown>): Promise<void> {
  await sql`create index trades_closed on trades (closed_at)`.execute(db);
  await sql`create index trades_account_closed on trades (account_id, closed_at)`.execute(db);
  await sql`create index trades_symbol_closed on trades (symbol, closed_at)`.execute(db);
  await sql`create index trades_pnl on trades (realized_pnl)`.execute(db);
  await sql`create index trades_return on trades (return_ratio)`.execute(db);
  await sql`create index trades_duration on trades (duration_ms)`.execute(db);
}
