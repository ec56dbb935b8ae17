import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { insertBot } from '../persistence/bots.repository.ts';
import type { Database } from '../persistence/database.ts';
import { migrations } from '../persistence/migrations/index.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { botNamed } from './testing/account-fixture.ts';

const ACCOUNTS_MIGRATION = '2026-11-25-0004-accounts';

describe('the accounts migration', () => {
  it('opens the paper account at 10,000 USDT with the fills made before accounts existed applied to it', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }), plugins: [new CamelCasePlugin()] });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const names = Object.keys(migrations).sort();
    await migrator.migrateTo(names[names.indexOf(ACCOUNTS_MIGRATION) - 1] ?? '');
    await insertBot(db, botNamed('b1'));
    const order = { venueOrderId: null, botId: 'b1', venue: 'paper', symbol: 'BTC/USDT', type: 'MARKET', status: 'FILLED', avgFillPx: null, rejectReason: null, tsInit: 1, tsEvent: 1 };
    await db.insertInto('orders').values([{ ...order, clientOrderId: 'o1', side: 'BUY', qty: 2, filledQty: 2 }, { ...order, clientOrderId: 'o2', side: 'SELL', qty: 3, filledQty: 3 }]).execute();
    const fill = { venue: 'paper', botId: 'b1', symbol: 'BTC/USDT', tsInit: 1 };
    await db.insertInto('fills').values([
      { ...fill, fillId: 'f1', clientOrderId: 'o1', side: 'BUY', lastQty: 2, lastPx: 100, fee: 0.2, tsEvent: 10 },
      { ...fill, fillId: 'f2', clientOrderId: 'o2', side: 'SELL', lastQty: 3, lastPx: 110, fee: 0.33, tsEvent: 20 },
    ]).execute();
    await db.destroy();

    const { db: migrated, close } = await openDatabase(file);
    const balances = await migrated.selectFrom('accountBalances').select(['currency', 'starting', 'total']).orderBy('currency').execute();
    const entries = await migrated.selectFrom('accountEntries').select(['fillId', 'epoch', 'baseDelta', 'quoteDelta']).orderBy('id').execute();
    await close();
    // 10,000 − 200 − 0.2 + 330 − 0.33, and a 1 BTC short.
    expect(balances).toEqual([
      { currency: 'BTC', starting: 0, total: -1 },
      { currency: 'USDT', starting: 10_000, total: 10_129.47 },
    ]);
    expect(entries).toEqual([
      { fillId: 'f1', epoch: 1, baseDelta: 2, quoteDelta: -200.2 },
      { fillId: 'f2', epoch: 1, baseDelta: -3, quoteDelta: 329.67 },
    ]);
  });

  it('refuses to store a balance or an equity that is not a finite number', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'checks.sqlite'));
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      await expect(db.updateTable('accountBalances').set({ total: bad }).execute()).rejects.toThrow(/constraint failed/);
      await expect(db.insertInto('accountEquity').values({ accountId: 'paper', ts: 1, epoch: 1, equity: bad }).execute()).rejects.toThrow(/constraint failed/);
    }
    await expect(db.insertInto('accountStartingBalances').values({ accountId: 'paper', currency: 'BTC', amount: -1 }).execute()).rejects.toThrow(/constraint failed/);
    await close();
  });
});
