import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotConfig } from '../../../shared/domain/bot.ts';
import { startTestHost, TEST_TOKEN } from '../../headless/testing/test-host.ts';
import { tempDir } from '../testing/temp-dir.ts';

const config = (name: string): BotConfig => ({ name, symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 0.5, account: 'paper' });

describe('trades.detail and analytics.dashboard over the API', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  it('opens a trade with the fills of its entry and exit, its cause and the bars around it', async () => {
    const bot = await host.client.bots.create(config('detail'));
    await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5 });
    await host.client.orders.place({ botId: bot.id, side: 'SELL', type: 'MARKET', qty: 0.5, reduceOnly: true });
    const [row] = (await host.client.trades.history({ filter: { botIds: [bot.id] } })).rows;
    const detail = await host.client.trades.detail({ id: row!.id });
    expect(detail.trade).toEqual(row);
    expect(detail.entries.map((f) => [f.side, f.lastQty, f.clientOrderId])).toEqual([['BUY', 0.5, row!.entryOrderId]]);
    expect(detail.exits.map((f) => [f.side, f.lastQty, f.clientOrderId])).toEqual([['SELL', 0.5, row!.exitOrderId]]);
    expect(detail.entries[0]!.fee + detail.exits[0]!.fee).toBeCloseTo(row!.fees, 8);
    expect(detail.cause).toBe('An order placed by hand');
    expect(detail.timeframe).toBe('1m');
    for (const candle of detail.candles) expect(candle.ts).toBeLessThan(row!.closedAt + 10 * 60_000);
  });

  it('answers an unknown trade with 404 and a malformed id with 400', async () => {
    const get = (id: string) => fetch(`${host.base}/api/trades/${id}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    const missing = await get('999999');
    expect(missing.status).toBe(404);
    expect(JSON.stringify(await missing.json())).toContain('No trade #999999');
    expect((await get('1e3')).status).toBe(400);
    expect((await get('0')).status).toBe(400);
  });

  it('computes the dashboard from the ledger: the total equals the trades’ sum, each bot listed', async () => {
    const bot = await host.client.bots.create(config('dash'));
    for (let i = 0; i < 2; i++) {
      await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5 });
      await host.client.orders.place({ botId: bot.id, side: 'SELL', type: 'MARKET', qty: 0.5, reduceOnly: true });
    }
    const dash = await host.client.analytics.dashboard({ mode: 'paper' });
    const totals = await host.client.trades.totals({ filter: { mode: 'paper' } });
    expect(dash.total.trades).toBe(totals.count);
    expect(dash.total.realizedPnl).toBeCloseTo(totals.netPnl, 8);
    expect(dash.total.fees).toBeCloseTo(totals.fees, 8);
    expect(dash.total.winRate).toBe(totals.winRate);
    const mine = dash.bots.find((b) => b.botId === bot.id);
    expect(mine).toMatchObject({ name: 'dash', trades: 2 });
    expect(dash.correlation).toHaveLength(dash.bots.length);
    expect(dash.pnlByDay.reduce((s, b) => s + b.trades, 0)).toBe(totals.count);
    const live = await host.client.analytics.dashboard({ mode: 'live' });
    expect(live.total.trades).toBe(0);
  });

  it('refuses a backwards range', async () => {
    await expect(host.client.analytics.dashboard({ from: 10, to: 5 })).rejects.toThrow(/before its start/);
  });
});
