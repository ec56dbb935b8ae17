import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.ts';
import { up } from './2026-11-25-0001-ledger-checks.ts';
import { databaseBefore } from './testing/database-before.ts';

/** A database as the app left it before this migration. */
const oldDatabase = () => databaseBefore('2026-11-25-0001-ledger-checks');

function seed(sqlite: BetterSqlite3.Database): void {
  const insert = (table: string, row: Record<string, unknown>) =>
    sqlite.prepare(`insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row).map((k) => `@${k}`).join(', ')})`).run(row);
  for (const id of ['b1', 'b2']) {
    insert('bots', { id, name: id, symbol: 'BTC/USDT', timeframe: '1m', strategy_json: '{}', order_qty: 1, account: 'paper', status: 'stopped', created_at: 1, updated_at: 1 });
  }
  const order = { venue_order_id: null, venue: 'paper', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 2, price: null, status: 'FILLED', filled_qty: 2, avg_fill_px: 100, reject_reason: null, ts_init: 1, ts_event: 2 };
  insert('orders', { ...order, client_order_id: 'o1', bot_id: 'b1' });
  insert('orders', { ...order, client_order_id: 'o2', bot_id: 'b1', side: 'SELL', qty: 1, avg_fill_px: 110 });
  insert('orders', { ...order, client_order_id: 'o3', bot_id: 'b2', type: 'LIMIT', price: 95.5, status: 'ACCEPTED', filled_qty: 0, avg_fill_px: null });
  insert('orders', { ...order, client_order_id: 'o4', bot_id: 'b2', type: 'LIMIT', status: 'REJECTED', filled_qty: 0, avg_fill_px: null, reject_reason: 'no price' });
  const fill = { bot_id: 'b1', symbol: 'BTC/USDT', ts_event: 2, ts_init: 2 };
  insert('fills', { ...fill, fill_id: 'o1-1', client_order_id: 'o1', side: 'BUY', last_qty: 2, last_px: 100, fee: 0.2 });
  insert('fills', { ...fill, fill_id: 'o2-1', client_order_id: 'o2', side: 'SELL', last_qty: 1, last_px: 110, fee: 0 });
  // b1: bought 2 @100, sold 1 @110 (a partial exit); b2 flat after an earlier trip.
  const trip = { opened_at: 1, trip_exit_qty: 1, trip_exit_notional: 110, trip_realized_pnl: 9.8, trip_fees: 0.2, updated_at: 2, trip_entries: 1 };
  insert('positions', { ...trip, bot_id: 'b1', symbol: 'BTC/USDT', net_qty: 1, avg_px_open: 100, realized_pnl: 9.8, trip_entry_qty: 2 });
  insert('positions', { bot_id: 'b2', symbol: 'BTC/USDT', net_qty: 0, avg_px_open: 0, realized_pnl: -1.5, opened_at: null, trip_entry_qty: 0, trip_exit_qty: 0, trip_exit_notional: 0, trip_realized_pnl: 0, trip_fees: 0, updated_at: 3, trip_entries: 0 });
  const trade = { bot_id: 'b2', symbol: 'BTC/USDT', side: 'SHORT', qty: 1e-9, avg_px_open: 50, avg_px_close: 60, realized_pnl: -1e-8, fees: 0, opened_at: 1, closed_at: 2 };
  for (let i = 0; i < 3; i++) insert('trades', trade);
  sqlite.prepare('delete from trades where id = 3').run(); // id 3 must never be handed out again
}

const TABLES = { orders: 'client_order_id', fills: 'fill_id', positions: 'bot_id', trades: 'id' } as const;
const snapshot = (sqlite: BetterSqlite3.Database) =>
  Object.fromEntries(Object.entries(TABLES).map(([table, key]) => [table, sqlite.prepare(`select * from ${table} order by ${key}`).all()]));

describe('migration 2026-11-25-0001-ledger-checks', () => {
  it('upgrades a database made by the earlier migrations with every row, index and key intact', async () => {
    const { file, sqlite } = await oldDatabase();
    seed(sqlite);
    const before = snapshot(sqlite);
    sqlite.close();

    const { sqlite: after, close } = await openDatabase(file);
    const rows = snapshot(after);
    // Later migrations add each order's source (0010: these were all a bot's own) and a stop's trigger price (0015: none).
    expect(rows.orders).toEqual(before.orders?.map((order) => ({ ...(order as object), source: 'strategy', trigger_price: null })));
    // A later migration (0002) keys fills by venue: the rows are the same, with their order's venue.
    expect(rows.fills).toEqual(before.fills?.map((fill) => ({ venue: 'paper', ...(fill as object) })));
    // A later migration (0018) adds each trade's provenance: b2's trades left no fill, so no orders and no source.
    const provenance = { account_id: 'paper', entry_order_id: null, exit_order_id: null, source: null, alert_id: null, return_ratio: -1e-8 / (1e-9 * 50), duration_ms: 1 };
    expect(rows.trades).toEqual(before.trades?.map((trade) => ({ ...(trade as object), ...provenance })));
    // Entry notional = avg_px_open x trip_entry_qty: 100 x 2 for b1 (its exited 1 included), 0 when flat;
    // the order that opened b1's trip (0018) is its first fill's.
    expect(rows.positions).toEqual([
      { ...(before.positions?.[0] as object), trip_entry_notional: 200, trip_entry_order_id: 'o1' },
      { ...(before.positions?.[1] as object), trip_entry_notional: 0, trip_entry_order_id: null },
    ]);
    expect(after.pragma('foreign_key_check')).toEqual([]);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.pragma('foreign_keys', { simple: true })).toBe(1);
    const indexes = after.prepare(`select name from sqlite_master where type = 'index' and name not like 'sqlite_%' and tbl_name in ('orders','fills','positions','trades') order by name`).all();
    const historyIndexes = ['trades_account_closed', 'trades_bot_closed', 'trades_closed', 'trades_duration', 'trades_pnl', 'trades_return', 'trades_symbol_closed'];
    expect(indexes).toEqual([{ name: 'fills_bot_ts' }, { name: 'fills_order' }, { name: 'orders_bot_ts' }, { name: 'orders_status' }, ...historyIndexes.map((name) => ({ name }))]);
    expect(after.prepare('select "table", "from", "to" from pragma_foreign_key_list(\'fills\')').all()).toEqual([{ table: 'orders', from: 'client_order_id', to: 'client_order_id' }]);
    for (const table of ['orders', 'positions', 'trades']) {
      expect(after.prepare(`select "table", "from", "to" from pragma_foreign_key_list('${table}')`).all()).toEqual([{ table: 'bots', from: 'bot_id', to: 'id' }]);
    }
    const next = after.prepare(`insert into trades (bot_id, symbol, side, qty, avg_px_open, avg_px_close, realized_pnl, fees, opened_at, closed_at) values ('b1', 'X', 'LONG', 1, 1, 1, 0, 0, 1, 1)`).run();
    expect(next.lastInsertRowid).toBe(4);
    expect(() => after.prepare(`delete from orders where client_order_id = 'o1'`).run()).toThrow('FOREIGN KEY constraint failed');
    await close();
  });

  it('refuses to upgrade a ledger that already holds a number it must not, and leaves it as it was', async () => {
    const { file, sqlite } = await oldDatabase();
    seed(sqlite);
    sqlite.prepare(`update fills set fee = ? where fill_id = 'o2-1'`).run(Number.POSITIVE_INFINITY);
    sqlite.prepare(`update positions set trip_fees = -1 where bot_id = 'b2'`).run();
    const before = snapshot(sqlite);
    sqlite.close();

    await expect(openDatabase(file)).rejects.toThrow(/1 row\(s\) of fills \(rowid 2\) break fills_fee_not_negative; 1 row\(s\) of positions \(rowid 2\) break positions_trip_fees_not_negative/);
    const reopened = new BetterSqlite3(file);
    expect(snapshot(reopened)).toEqual(before);
    expect(reopened.prepare(`select 1 from pragma_table_info('positions') where name = 'trip_entry_notional'`).all()).toEqual([]);
    reopened.close();
  });

  it('works the same inside a transaction, where foreign_keys cannot be switched off', async () => {
    const { sqlite } = await oldDatabase();
    seed(sqlite);
    const before = snapshot(sqlite);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    await db.transaction().execute((trx) => up(trx));
    expect(snapshot(sqlite).fills).toEqual(before.fills);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    await db.destroy();
  });

  it('run again after a crash between its commit and its record, changes nothing', async () => {
    const { file, sqlite } = await oldDatabase();
    seed(sqlite);
    sqlite.close();
    const { db, sqlite: migrated, close } = await openDatabase(file);
    migrated.prepare(`update positions set trip_entry_notional = 250 where bot_id = 'b1'`).run(); // later fills moved it on
    const before = snapshot(migrated);
    await up(db as Kysely<unknown>);
    expect(snapshot(migrated)).toEqual(before);
    await close();
  });
});
