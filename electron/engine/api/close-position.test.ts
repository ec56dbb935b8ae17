import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotConfig } from '../../../shared/domain/bot.ts';
import { startTestHost, TEST_TOKEN } from '../../headless/testing/test-host.ts';
import { tempDir } from '../testing/temp-dir.ts';

const config = (name: string): BotConfig => ({ name, symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.5, account: 'paper' });

describe('bots.closePosition over the API', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  /** A bot holding `qty` ETH (negative: short), bought through the engine's one order path. */
  async function botHolding(name: string, qty: number) {
    const bot = await host.client.bots.create(config(name));
    await host.engine.services.orders.place({ botId: bot.id, symbol: 'ETH/USDT', side: qty > 0 ? 'BUY' : 'SELL', type: 'MARKET', qty: Math.abs(qty) });
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(qty);
    return bot;
  }

  it('closes a stopped bot’s long with one reduce-only market sell of the held size (WebSocket RPC)', async () => {
    const bot = await botHolding('long', 0.5);
    const [order, ...more] = await host.client.bots.closePosition({ id: bot.id });
    expect(more).toEqual([]);
    expect(order).toMatchObject({ side: 'SELL', type: 'MARKET', qty: 0.5, status: 'FILLED', symbol: 'ETH/USDT' });
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0);
    const positions = await host.client.positions.list({ botId: bot.id });
    expect(positions.map((p) => [p.side, p.qty, p.unrealizedPnl])).toEqual([['FLAT', 0, 0]]);
  });

  it('closes a short with a buy over REST, and says plainly when there is nothing to close', async () => {
    const bot = await botHolding('short', -0.25);
    const post = () => fetch(`${host.base}/api/bots/${bot.id}/close-position`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    const res = await post();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { side: string; qty: number }[]).map((o) => [o.side, o.qty])).toEqual([['BUY', 0.25]]);
    const again = await post();
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toBe('short holds no open position to close');
  });

  it('refuses a running bot unless asked to stop it first; “Stop & close” stops, then closes', async () => {
    const bot = await botHolding('running', 0.5);
    await host.client.bots.start({ id: bot.id });
    await expect(host.client.bots.closePosition({ id: bot.id })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('Stop & close') });
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0.5);

    const orders = await host.client.bots.closePosition({ id: bot.id, stopFirst: true });
    expect(orders.map((o) => o.status)).toEqual(['FILLED']);
    expect((await host.client.bots.get({ id: bot.id })).status).toBe('stopped');
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0);
  });

  it('never reverses a position when closes race: one fills, the other is refused, the bot ends flat', async () => {
    const bot = await botHolding('race', 0.5);
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => host.client.bots.closePosition({ id: bot.id })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(host.engine.services.orders.position(bot.id, 'ETH/USDT').netQty).toBe(0);
    const fills = await host.client.fills.list({ botId: bot.id, limit: 100 });
    expect(fills.filter((f) => f.side === 'SELL').map((f) => f.lastQty)).toEqual([0.5]);
    for (const refused of outcomes.filter((o) => o.status === 'rejected')) {
      expect(String((refused as PromiseRejectedResult).reason)).toMatch(/no open position|Reduce-only/);
    }
  });

  it('refuses a bot that does not exist with 404', async () => {
    await expect(host.client.bots.closePosition({ id: 'bot-none' })).rejects.toMatchObject({ status: 404 });
  });
});
