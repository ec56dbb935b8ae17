import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one. Self-contained on purpose
// (imports nothing of ours), so later changes elsewhere cannot change what it did.

/**
 * The ledger tables refuse numbers that must never be stored. NaN binds as NULL (refused by NOT
 * NULL or by the rule); ±Infinity is a real value in SQLite, so every rule is a range; a text or
 * blob compares above every number, so a range refuses those too.
 */
const MAX = '1e300';
const finite = (c: string) => `${c} between -${MAX} and ${MAX}`;
const positive = (c: string) => `${c} > 0 and ${c} <= ${MAX}`;
const nonNegative = (c: string) => `${c} between 0 and ${MAX}`;
const nullOrPositive = (c: string) => `${c} is null or (${positive(c)})`;

interface Rebuild {
  table: string;
  /** Column definitions exactly as the earlier migrations made them (plus new columns at the end). */
  columns: string[];
  /** Named table constraints: they survive a later ALTER TABLE ADD COLUMN, and name the rule an error breaks. */
  checks: Record<string, string>;
  /** What each new column is filled with from the old row (by default the column itself). */
  copy?: Record<string, string>;
  indexes: string[];
}

const REBUILDS: Rebuild[] = [
  {
    table: 'orders',
    columns: [
      `"client_order_id" text primary key`,
      `"venue_order_id" text`,
      `"bot_id" text not null references "bots" ("id")`,
      `"venue" text not null`,
      `"symbol" text not null`,
      `"side" text not null check (side in ('BUY','SELL'))`,
      `"type" text not null`,
      `"qty" real not null check (qty > 0)`,
      `"price" real`,
      `"status" text not null`,
      `"filled_qty" real default 0 not null`,
      `"avg_fill_px" real`,
      `"reject_reason" text`,
      `"ts_init" integer not null`,
      `"ts_event" integer not null`,
    ],
    checks: {
      orders_qty_positive: positive('qty'),
      orders_price_positive: nullOrPositive('price'),
      orders_filled_qty_not_negative: nonNegative('filled_qty'),
      orders_avg_fill_px_positive: nullOrPositive('avg_fill_px'),
    },
    indexes: [`create index "orders_bot_ts" on "orders" ("bot_id", "ts_init")`, `create index "orders_status" on "orders" ("status")`],
  },
  {
    table: 'fills',
    columns: [
      `"fill_id" text primary key`,
      `"client_order_id" text not null references "orders" ("client_order_id")`,
      `"bot_id" text not null`,
      `"symbol" text not null`,
      `"side" text not null`,
      `"last_qty" real not null`,
      `"last_px" real not null`,
      `"fee" real not null`,
      `"ts_event" integer not null`,
      `"ts_init" integer not null`,
    ],
    checks: { fills_last_qty_positive: positive('last_qty'), fills_last_px_positive: positive('last_px'), fills_fee_not_negative: nonNegative('fee') },
    indexes: [`create index "fills_bot_ts" on "fills" ("bot_id", "ts_event")`],
  },
  {
    table: 'positions',
    columns: [
      `"bot_id" text not null references "bots" ("id")`,
      `"symbol" text not null`,
      `"net_qty" real not null`,
      `"avg_px_open" real not null`,
      `"realized_pnl" real not null`,
      `"opened_at" integer`,
      `"trip_entry_qty" real not null`,
      `"trip_exit_qty" real not null`,
      `"trip_exit_notional" real not null`,
      `"trip_realized_pnl" real not null`,
      `"trip_fees" real not null`,
      `"updated_at" integer not null`,
      `"trip_entries" integer default 0 not null`,
      `"trip_entry_notional" real default 0 not null`,
      `constraint "positions_pk" primary key ("bot_id", "symbol")`,
    ],
    checks: {
      positions_net_qty_finite: finite('net_qty'),
      positions_avg_px_open_not_negative: nonNegative('avg_px_open'),
      positions_realized_pnl_finite: finite('realized_pnl'),
      positions_trip_entry_qty_not_negative: nonNegative('trip_entry_qty'),
      positions_trip_entry_notional_not_negative: nonNegative('trip_entry_notional'),
      positions_trip_exit_qty_not_negative: nonNegative('trip_exit_qty'),
      positions_trip_exit_notional_not_negative: nonNegative('trip_exit_notional'),
      positions_trip_realized_pnl_finite: finite('trip_realized_pnl'),
      positions_trip_fees_not_negative: nonNegative('trip_fees'),
      positions_trip_entries_not_negative: nonNegative('trip_entries'),
    },
    // The trip's entry notional was not kept before. Until now every entry was averaged into
    // avg_px_open and exits never changed it, so avg_px_open x trip_entry_qty is exact for a trip
    // whose entries all came before its first exit. A trip that added after a partial exit gets its
    // earlier entries valued at today's average cost: only that trade's shown entry price is
    // approximate; its P&L is summed fill by fill and stays exact. (avg_px_open x |net_qty|
    // would be wrong for every trip with a partial exit: the exited quantity is in trip_entry_qty.)
    copy: { trip_entry_notional: 'avg_px_open * trip_entry_qty' },
    indexes: [],
  },
  {
    table: 'trades',
    columns: [
      `"id" integer primary key autoincrement`,
      `"bot_id" text not null references "bots" ("id")`,
      `"symbol" text not null`,
      `"side" text not null`,
      `"qty" real not null`,
      `"avg_px_open" real not null`,
      `"avg_px_close" real not null`,
      `"realized_pnl" real not null`,
      `"fees" real not null`,
      `"opened_at" integer not null`,
      `"closed_at" integer not null`,
    ],
    checks: {
      trades_qty_positive: positive('qty'),
      trades_avg_px_open_positive: positive('avg_px_open'),
      trades_avg_px_close_positive: positive('avg_px_close'),
      trades_fees_not_negative: nonNegative('fees'),
      trades_realized_pnl_finite: finite('realized_pnl'),
    },
    indexes: [`create index "trades_bot_closed" on "trades" ("bot_id", "closed_at")`],
  },
];

const columnName = (definition: string) => /^"([^"]+)"/.exec(definition)?.[1];

async function run(db: Kysely<unknown>, statement: string): Promise<void> {
  await sql.raw(statement).execute(db);
}

async function rows<T>(db: Kysely<unknown>, statement: string): Promise<T[]> {
  return (await sql.raw<T>(statement).execute(db)).rows;
}

/** A crash after the commit but before Kysely records the migration runs it again: then it is done. */
async function alreadyApplied(db: Kysely<unknown>): Promise<boolean> {
  return (await rows(db, `select 1 from pragma_table_info('positions') where name = 'trip_entry_notional'`)).length > 0;
}

/** Stored rows that break a new rule stop the upgrade, named: guessing a repair of money data is worse. */
async function refuseBrokenRows(db: Kysely<unknown>): Promise<void> {
  const broken: string[] = [];
  for (const { table, checks, copy = {} } of REBUILDS) {
    // The rows as they will be copied, new columns included.
    const computed = Object.entries(copy).map(([name, value]) => `, ${value} as "${name}"`);
    const source = `(select rowid as ledger_rowid, *${computed.join('')} from "${table}")`;
    for (const [name, rule] of Object.entries(checks)) {
      const [found] = await rows<{ n: number; ids: string }>(db, `select count(*) as n, group_concat(ledger_rowid) as ids from ${source} where not (${rule})`);
      if (found && found.n > 0) broken.push(`${found.n} row(s) of ${table} (rowid ${found.ids}) break ${name}`);
    }
  }
  if (broken.length > 0) throw new Error(`The ledger holds numbers it must not (negative, infinite or not a number): ${broken.join('; ')}`);
}

async function rebuild(db: Kysely<unknown>, { table, columns, checks, copy = {}, indexes }: Rebuild, source: string): Promise<void> {
  const constraints = Object.entries(checks).map(([name, rule]) => `constraint "${name}" check (${rule})`);
  await run(db, `create table "new_${table}" (${[...columns, ...constraints].join(', ')})`);
  const names = columns.map(columnName).filter((name): name is string => name !== undefined);
  const values = names.map((name) => copy[name] ?? `"${name}"`);
  await run(db, `insert into "new_${table}" (${names.map((n) => `"${n}"`).join(', ')}) select ${values.join(', ')} from ${source}`);
  await run(db, `drop table "${table}"`);
  await run(db, `alter table "new_${table}" rename to "${table}"`);
  for (const index of indexes) await run(db, index);
}

/**
 * SQLite's table rebuild (create new, copy, drop old, rename), inside one savepoint so the upgrade
 * is all or nothing. Kysely runs SQLite migrations outside a transaction with foreign_keys=ON, and
 * even in a transaction that pragma cannot be switched off; dropping `orders` while `fills` rows
 * point at it would then fail (and defer_foreign_keys only moves that failure to the commit). So
 * the fills are set aside first and put back after `orders` is rebuilt: no foreign key is ever
 * broken, and none has to be switched off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (await alreadyApplied(db)) return;
  await refuseBrokenRows(db);
  const [sequence] = await rows<{ seq: number }>(db, `select seq from sqlite_sequence where name = 'trades'`);
  await run(db, 'savepoint ledger_checks');
  try {
    await run(db, 'create temp table ledger_fills_aside as select * from main.fills');
    await run(db, 'delete from main.fills');
    for (const table of REBUILDS) await rebuild(db, table, table.table === 'fills' ? 'temp.ledger_fills_aside' : `"${table.table}"`);
    await run(db, 'drop table temp.ledger_fills_aside');
    // Trade ids are never reused, not even those of deleted rows: keep AUTOINCREMENT's high mark.
    if (sequence) {
      await run(db, `delete from sqlite_sequence where name = 'trades'`);
      await run(db, `insert into sqlite_sequence (name, seq) select 'trades', max(${Number(sequence.seq)}, coalesce(max(id), 0)) from trades`);
    }
    const dangling = await rows(db, 'pragma foreign_key_check');
    if (dangling.length > 0) throw new Error(`The ledger upgrade would leave ${dangling.length} row(s) pointing at nothing`);
    await run(db, 'release ledger_checks');
  } catch (error) {
    await run(db, 'rollback to ledger_checks');
    await run(db, 'release ledger_checks');
    throw error;
  }
}
