import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotConfig } from '../../../shared/domain/bot.ts';
import { startTestHost, TEST_TOKEN } from '../../headless/testing/test-host.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { newManualOrderId } from '../../../shared/contract/ledger.ts';

const config = (name: string): BotConfig => ({ name, symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.5, account: 'paper' });

describe('orders.place: the trader’s own orders, through the one order path', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  const lastPx = () => host.engine.services.lastPrice('ETH/USDT') ?? Number.NaN;

  it('fills a manual market buy on the bot’s symbol and lists it with source manual', async () => {
    const bot = await host.client.bots.create(config('market'));
    const order = await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5 });
    expect(order).toMatchObject({ botId: bot.id, symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 0.5, status: 'FILLED', source: 'manual' });
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0.5);
    const listed = await host.client.orders.list({ botId: bot.id });
    expect(listed.map((o) => [o.clientOrderId, o.source])).toEqual([[order.clientOrderId, 'manual']]);
  });

  it('fills a marketable manual limit order and rests one away from the market, both manual (REST)', async () => {
    const bot = await host.client.bots.create({ ...config('limit'), strategy: { kind: 'tradingview', maxEntries: 2 } }); // two entries: the bot's limit counts manual ones too
    const post = async (body: object) => {
      const res = await fetch(`${host.base}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
      return (await res.json()) as { status: string; source: string; price: number };
    };
    const filled = await post({ botId: bot.id, side: 'BUY', type: 'LIMIT', qty: 0.25, price: Math.round(lastPx() * 1.05) });
    expect([filled.status, filled.source]).toEqual(['FILLED', 'manual']);
    const resting = await post({ botId: bot.id, side: 'BUY', type: 'LIMIT', qty: 0.25, price: Math.round(lastPx() * 0.5) });
    expect([resting.status, resting.source]).toEqual(['ACCEPTED', 'manual']);
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0.25);
  });

  it('refuses a reduce-only order that would open a position, with the reason on the REJECTED order', async () => {
    const bot = await host.client.bots.create(config('flat'));
    const order = await host.client.orders.place({ botId: bot.id, side: 'SELL', type: 'MARKET', qty: 0.5, reduceOnly: true });
    expect(order.status).toBe('REJECTED');
    expect(order.rejectReason).toMatch(/reduce/i);
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0);
  });

  it('names the field a trader got wrong, in words, and places nothing (REST)', async () => {
    const bot = await host.client.bots.create(config('typo'));
    const res = await fetch(`${host.base}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ botId: bot.id, side: 'BUY', type: 'LIMIT', qty: 0 }) });
    expect(res.status).toBe(400);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('Quantity must be more than 0');
    expect(body).toContain('A limit order needs a price; a market order takes none');
    expect(await host.client.orders.list({ botId: bot.id })).toEqual([]);
  });

  it('asked again with the same order id, returns the first order and places no second; another order’s id is refused', async () => {
    const bot = await host.client.bots.create(config('retry'));
    const request = { botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5, clientOrderId: newManualOrderId(Date.now()) } as const;
    const first = await host.client.orders.place(request);
    const again = await host.client.orders.place(request);
    expect(again).toEqual(first);
    expect((await host.client.orders.list({ botId: bot.id })).length).toBe(1);
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0.5);
    await expect(host.client.orders.place({ ...request, side: 'SELL' })).rejects.toThrow('already names another order; nothing was placed');
    const other = await host.client.bots.create(config('other'));
    await expect(host.client.orders.place({ ...request, botId: other.id })).rejects.toThrow('already names another order');
    expect(await host.client.orders.list({ botId: other.id })).toEqual([]);
  });

  it('refuses a quantity under the venue’s step or an order worth more than the account holds, with the reason, and moves nothing', async () => {
    const bot = await host.client.bots.create(config('hostile'));
    const tiny = await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 1e-9 });
    const huge = await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 1e12 });
    for (const order of [tiny, huge]) {
      expect(order.status).toBe('REJECTED');
      expect(order.rejectReason).toMatch(/\d/); // the reason names the numbers
    }
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0);
  });

  it('says plainly when the bot does not exist, and places nothing', async () => {
    await expect(host.client.orders.place({ botId: 'no-such-bot', side: 'BUY', type: 'MARKET', qty: 1 })).rejects.toThrow(/no-such-bot|not found/i);
    expect((await host.client.orders.list({ botId: 'no-such-bot' })).length).toBe(0);
  });

  it('during the emergency stop refuses a manual entry but lets a manual reduce-only close through', async () => {
    const bot = await host.client.bots.create(config('estop'));
    await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5 });
    await host.engine.services.emergency.engage('block', 'test');
    try {
      const entry = await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5 });
      expect(entry.status).toBe('REJECTED');
      expect(entry.rejectReason).toMatch(/emergency/i);
      const close = await host.client.orders.place({ botId: bot.id, side: 'SELL', type: 'MARKET', qty: 0.5, reduceOnly: true });
      expect([close.status, close.source]).toEqual(['FILLED', 'manual']);
      expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0);
    } finally {
      await host.engine.services.emergency.lift('test');
    }
  });

  it('marks the trader’s close of a bot’s positions as manual', async () => {
    const bot = await host.client.bots.create(config('close'));
    await host.client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.5 });
    const [close] = await host.client.bots.closePosition({ id: bot.id });
    expect(close).toMatchObject({ side: 'SELL', status: 'FILLED', source: 'manual' });
  });
});
