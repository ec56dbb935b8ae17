import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZING } from '../../../../shared/domain/bot-sizing.ts';
import { findBot, updateBotConfig } from '../bots.repository.ts';
import { openDatabase } from '../open-database.ts';
import { databaseBefore } from './testing/database-before.ts';

describe('migration 2026-11-25-0011-bot-sizing', () => {
  it('reads a bot stored before sizing as its order size, and keeps the sizing a trader saves', async () => {
    const { file, sqlite: old } = await databaseBefore('2026-11-25-0011-bot-sizing');
    const strategy = JSON.stringify({ kind: 'ma_crossover', fast: 2, slow: 3 });
    old.prepare(`insert into bots (id, name, symbol, timeframe, strategy_json, order_qty, account, status, created_at, updated_at) values ('b1', 'SOL trend', 'SOL/USDT', '1m', ?, 0.5, 'paper', 'running', 1, 1)`).run(strategy);
    old.close();
    const { db, sqlite, close } = await openDatabase(file);
    const before = await findBot(db, 'b1');
    expect(before).toMatchObject({ orderQty: 0.5, status: 'running' });
    expect(before?.sizing).toBeUndefined(); // trades its order size, as it did
    const sizing = { ...DEFAULT_SIZING, mode: 'quote' as const, amount: 250, cooldown: 15 };
    if (!before) throw new Error('bot missing');
    const { id: _id, status: _s, createdAt: _c, updatedAt: _u, ...config } = before;
    await updateBotConfig(db, 'b1', { ...config, sizing }, 2);
    expect((await findBot(db, 'b1'))?.sizing).toEqual(sizing);
    expect(() => sqlite.prepare(`update bots set sizing_json = 'not json' where id = 'b1'`).run()).toThrow(/CHECK/);
    await close();
  });
});
