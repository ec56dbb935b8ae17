import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.ts';
import { databaseBefore } from './testing/database-before.ts';

/** A database as the app left it before orders had a source, holding one order of each origin. */
async function oldDatabase(): Promise<string> {
  const { file, sqlite } = await databaseBefore('2026-11-25-0010-order-source');
  const insert = (table: string, row: Record<string, unknown>) =>
    sqlite.prepare(`insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row).map((k) => `@${k}`).join(', ')})`).run(row);
  insert('bots', { id: 'b1', name: 'b1', symbol: 'BTC/USDT', timeframe: '1m', strategy_json: '{}', order_qty: 1, account: 'paper', status: 'stopped', created_at: 1, updated_at: 1 });
  const order = { venue_order_id: null, bot_id: 'b1', venue: 'paper', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1, price: null, status: 'REJECTED', filled_qty: 0, avg_fill_px: null, reject_reason: 'test', ts_init: 1, ts_event: 2 };
  for (const id of ['sr-bot', 'sr-alert-a1-0', 'sr-prot', 'sr-em', 'sr-adopted']) insert('orders', { ...order, client_order_id: id });
  insert('protections', { bot_id: 'b1', symbol: 'BTC/USDT', stop_loss: 90, take_profit: null, closing_order_id: 'sr-prot' });
  const audit = { ts: 3, entity: 'emergency_stop', entity_id: '1' };
  insert('audit_log', { ...audit, action: 'emergency_stop.round', detail_json: JSON.stringify({ level: 'flatten', closes: ['sr-em'], canceled: ['sr-bot'] }) });
  insert('audit_log', { ...audit, action: 'emergency_stop.done', detail_json: 'not json' });
  insert('audit_log', { ...audit, action: 'bot.updated', detail_json: JSON.stringify({ closes: ['sr-bot'] }) });
  const event = { kind: 'submitted', applied: 1, status_after: 'PENDING_SUBMIT', ts_event: 1, ts_init: 1 };
  insert('order_events', { ...event, client_order_id: 'sr-adopted', detail: 'Adopted by the trader on the Reconcile screen: the venue held it open' });
  insert('order_events', { ...event, client_order_id: 'sr-bot', detail: 'BUY 1 BTC/USDT at market' });
  sqlite.close();
  return file;
}

describe('migration 2026-11-25-0010-order-source', () => {
  it('keeps every order and says who placed each one from what it left behind', async () => {
    const { sqlite, close } = await openDatabase(await oldDatabase());
    const rows = sqlite.prepare('select client_order_id as id, source, status, reject_reason from orders order by client_order_id').all();
    expect(rows).toEqual([
      { id: 'sr-adopted', source: 'manual', status: 'REJECTED', reject_reason: 'test' },
      { id: 'sr-alert-a1-0', source: 'alert', status: 'REJECTED', reject_reason: 'test' },
      { id: 'sr-bot', source: 'strategy', status: 'REJECTED', reject_reason: 'test' },
      { id: 'sr-em', source: 'emergency', status: 'REJECTED', reject_reason: 'test' },
      { id: 'sr-prot', source: 'protection', status: 'REJECTED', reject_reason: 'test' },
    ]);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(() => sqlite.prepare(`update orders set source = 'hacker' where client_order_id = 'sr-bot'`).run()).toThrow(/CHECK/);
    await close();
  });
});
