import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotConfig } from '../../../shared/domain/bot.ts';
import { startTestHost, TEST_TOKEN } from '../../headless/testing/test-host.ts';
import { tempDir } from '../testing/temp-dir.ts';

const config = (name: string): BotConfig => ({ name, symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 0.5, account: 'paper' });

describe('trades.history and trades.totals over the API', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  it('lists trades as soon as they are committed, from the read-only connection, with the bot’s name after it is deleted', async () => {
    const bot = await host.client.bots.create(config('history'));
    for (let i = 0; i < 3; i++) {
      await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5 });
      await host.client.orders.place({ botId: bot.id, side: 'SELL', type: 'MARKET', qty: 0.5, reduceOnly: true });
    }
    await host.client.bots.delete({ id: bot.id });
    const first = await host.client.trades.history({ filter: { botIds: [bot.id] }, limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.rows[0]).toMatchObject({ botName: 'history', accountId: 'paper', source: 'manual', side: 'LONG' });
    const second = await host.client.trades.history({ filter: { botIds: [bot.id] }, limit: 2, cursor: first.next ?? '' });
    expect(second).toMatchObject({ next: null });
    expect(new Set([...first.rows, ...second.rows].map((t) => t.id)).size).toBe(3);
    const totals = await host.client.trades.totals({ filter: { botIds: [bot.id] } });
    expect(totals.count).toBe(3);
    expect(totals.fees).toBeGreaterThan(0);
  });

  it('answers a bad filter or cursor with HTTP 400 and the reason', async () => {
    const post = (body: object) => fetch(`${host.base}/api/trades/history`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const backwards = await post({ filter: { from: 10, to: 5 } });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(await backwards.json())).toContain('The end of the range is before its start');
    const cursor = await post({ cursor: 'not-a-cursor' });
    expect(cursor.status).toBe(400);
    expect(JSON.stringify(await cursor.json())).toContain('start again from the first page');
  });
});
