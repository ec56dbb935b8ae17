import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, TEST_TOKEN } from '../../headless/testing/test-host.ts';
import { tempDir } from '../testing/temp-dir.ts';

describe('an order’s history through the API', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  it('returns every event of a canceled limit order over REST and the WebSocket RPC', async () => {
    const bot = await host.client.bots.create({ name: 'hist', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.01, account: 'paper' });
    const last = host.engine.services.lastPrice('BTC/USDT') ?? 0;
    const order = await host.engine.services.orders.place({ botId: bot.id, symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: Math.round(last * 0.5) });
    await host.client.orders.cancel({ clientOrderId: order.clientOrderId });

    const res = await fetch(`${host.base}/api/orders/${order.clientOrderId}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(200);
    const rest = (await res.json()) as { order: { status: string }; events: { kind: string; statusAfter: string; applied: boolean }[] };
    expect(rest.order.status).toBe('CANCELED');
    expect(rest.events.map((e) => [e.kind, e.statusAfter, e.applied])).toEqual([
      ['submitted', 'PENDING_SUBMIT', true],
      ['accepted', 'ACCEPTED', true],
      ['cancel_requested', 'PENDING_CANCEL', true],
      ['canceled', 'CANCELED', true],
    ]);
    expect(await host.client.orders.detail({ clientOrderId: order.clientOrderId })).toEqual(rest);
  });

  it('answers 404 for an order that does not exist', async () => {
    const res = await fetch(`${host.base}/api/orders/sr-none`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(404);
  });
});
