import { type Kysely, sql } from 'kysely';

/** A REAL that is a number and finite: NaN arrives as NULL (refused by NOT NULL), ±Infinity fails the bound. */
const finite = (column: string) => `${column} real not null check (typeof(${column}) in ('real', 'integer') and abs(${column}) < 1e300)`;

/**
 * Accounts, their balances per reset epoch, the balance change of every fill, and equity over time.
 * Frozen in time: never edit a migration that has shipped; add a new one.
 *
 * No foreign key points at fills, orders or bots: a later migration that rebuilds one of those
 * tables (SQLite adds CHECK constraints only by rebuilding) must not trip over these rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table accounts (
    id text primary key,
    kind text not null check (kind in ('paper', 'exchange')),
    currency text not null,
    epoch integer not null check (epoch >= 1),
    created_at integer not null
  )`.execute(db);

  await sql`create table account_epochs (
    account_id text not null references accounts (id),
    epoch integer not null check (epoch >= 1),
    started_at integer not null,
    ended_at integer,
    primary key (account_id, epoch)
  ) without rowid`.execute(db);

  await sql.raw(`create table account_balances (
    account_id text not null,
    epoch integer not null,
    currency text not null,
    ${finite('starting')},
    ${finite('total')},
    primary key (account_id, epoch, currency),
    foreign key (account_id, epoch) references account_epochs (account_id, epoch)
  ) without rowid`).execute(db);

  // What the next reset starts from: a setting, not history.
  await sql.raw(`create table account_starting_balances (
    account_id text not null references accounts (id),
    currency text not null,
    ${finite('amount')} check (amount >= 0),
    primary key (account_id, currency)
  ) without rowid`).execute(db);

  // One row per fill applied to an account: the fill's epoch, and exactly what it did to the balances.
  await sql.raw(`create table account_entries (
    id integer primary key autoincrement,
    fill_id text,
    client_order_id text not null,
    account_id text not null references accounts (id),
    epoch integer not null,
    ts integer not null,
    base_currency text not null,
    ${finite('base_delta')},
    quote_currency text not null,
    ${finite('quote_delta')},
    ${finite('fee')},
    -- Our order id is unique everywhere, a venue's fill id only at that venue: together they name one fill.
    unique (client_order_id, fill_id)
  )`).execute(db);
  await sql`create index account_entries_epoch_ts on account_entries (account_id, epoch, ts)`.execute(db);

  // Equity in market time (the simulator's clock), one row per market minute plus one after each fill.
  await sql.raw(`create table account_equity (
    account_id text not null references accounts (id),
    ts integer not null,
    epoch integer not null,
    ${finite('equity')},
    primary key (account_id, ts)
  ) without rowid`).execute(db);

  await seedPaperAccount(db);
}

/**
 * The paper account every bot already names, starting from 10,000 USDT. Fills made before
 * accounts existed are applied to it, so its balances agree with the positions bots hold.
 */
async function seedPaperAccount(db: Kysely<unknown>): Promise<void> {
  await sql`insert into accounts (id, kind, currency, epoch, created_at) values ('paper', 'paper', 'USDT', 1, cast(strftime('%s', 'now') as integer) * 1000)`.execute(db);
  await sql`insert into account_epochs (account_id, epoch, started_at) values ('paper', 1, 0)`.execute(db);
  await sql`insert into account_starting_balances (account_id, currency, amount) values ('paper', 'USDT', 10000)`.execute(db);
  await sql`insert into account_entries (fill_id, client_order_id, account_id, epoch, ts, base_currency, base_delta, quote_currency, quote_delta, fee)
    select f.fill_id, f.client_order_id, 'paper', 1, f.ts_event,
      substr(f.symbol, 1, instr(f.symbol, '/') - 1),
      case f.side when 'BUY' then f.last_qty else -f.last_qty end,
      substr(f.symbol, instr(f.symbol, '/') + 1),
      round(case f.side when 'BUY' then -(f.last_qty * f.last_px) else f.last_qty * f.last_px end - f.fee, 8),
      f.fee
    from fills f join bots b on b.id = f.bot_id
    where b.account = 'paper' and instr(f.symbol, '/') > 1
    order by f.ts_event, f.fill_id`.execute(db);
  await sql`insert into account_balances (account_id, epoch, currency, starting, total)
    select 'paper', 1, currency, sum(starting), round(sum(starting) + sum(delta), 10) from (
      select 'USDT' as currency, 10000 as starting, 0 as delta
      union all select base_currency, 0, base_delta from account_entries
      union all select quote_currency, 0, quote_delta from account_entries
    ) group by currency`.execute(db);
}
