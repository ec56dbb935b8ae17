import { describe, expect, it } from 'vitest';
import { findBot } from '../bots.repository.ts';
import { loadProtections } from '../protections.repository.ts';
import { openDatabase } from '../open-database.ts';
import { databaseBefore } from './testing/database-before.ts';

describe('migration 2026-11-25-0012-bot-exits', () => {
  it('leaves existing bots without exits and existing protections without a plan, their levels as they were', async () => {
    const { file, sqlite } = await databaseBefore('2026-11-25-0012-bot-exits');
    sqlite.prepare(`insert into bots (id, name, symbol, timeframe, strategy_json, order_qty, account, status, created_at, updated_at) values ('b1', 'b1', 'BTC/USDT', '1m', '{"kind":"tradingview","maxEntries":1}', 1, 'paper', 'stopped', 1, 1)`).run();
    sqlite.prepare(`insert into protections (bot_id, symbol, stop_loss, take_profit) values ('b1', 'BTC/USDT', 90, 120)`).run();
    sqlite.close();
    const { db, close } = await openDatabase(file);
    const bot = await findBot(db, 'b1');
    expect([bot?.name, bot && 'exits' in bot]).toEqual(['b1', false]);
    expect(await loadProtections(db)).toMatchObject([{ botId: 'b1', stopLoss: 90, takeProfit: 120, exitPlanJson: null }]);
    await close();
  });
});
