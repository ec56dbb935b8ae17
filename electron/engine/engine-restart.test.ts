import { createRouterClient } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import { createEngine } from './index.ts';
import { silentLogger } from './ports/logger.ts';
import { simulatedOf } from './testing/simulated-of.ts';
import { tempDir } from './testing/temp-dir.ts';

const config = { name: 'Trend', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 3, slow: 7 }, orderQty: 0.05, account: 'paper' } as const;

async function open(dataDir: string) {
  const engine = await createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
  return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }) };
}

describe('engine restart', () => {
  it('restores bots, orders, positions, trades and candles, and resumes running bots', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const running = await first.client.bots.create(config);
    const stopped = await first.client.bots.create({ ...config, name: 'Idle' });
    await first.client.bots.start({ id: running.id });
    await simulatedOf(first.engine.services).advance(3_000);
    const before = {
      orders: await first.client.orders.list({ limit: 5000 }),
      trades: await first.client.trades.list({ limit: 5000 }),
      positions: await first.client.positions.list({}),
      candles: await first.client.market.candles({ symbol: 'ETH/USDT', timeframe: '1m', limit: 5000 }),
    };
    expect(before.orders.length).toBeGreaterThan(2);
    expect(before.trades.length).toBeGreaterThan(0);
    await first.engine.stop();

    const second = await open(dataDir);
    const bots = await second.client.bots.list();
    expect(bots.map((b) => [b.id, b.status])).toEqual([
      [running.id, 'running'],
      [stopped.id, 'stopped'],
    ]);
    expect(await second.client.orders.list({ limit: 5000 })).toEqual(before.orders);
    expect(await second.client.trades.list({ limit: 5000 })).toEqual(before.trades);
    expect((await second.client.positions.list({})).map(({ lastPx: _l, unrealizedPnl: _u, ...p }) => p)).toEqual(
      before.positions.map(({ lastPx: _l, unrealizedPnl: _u, ...p }) => p),
    );
    const candlesAfter = await second.client.market.candles({ symbol: 'ETH/USDT', timeframe: '1m', limit: 5000 });
    expect(candlesAfter.slice(0, before.candles.length)).toEqual(before.candles);

    // The resumed bot trades on; the stopped one does not.
    await simulatedOf(second.engine.services).advance(3_000);
    const ordersAfter = await second.client.orders.list({ limit: 5000 });
    expect(ordersAfter.length).toBeGreaterThan(before.orders.length);
    expect(ordersAfter.some((o) => o.botId === stopped.id)).toBe(false);
    await second.engine.stop();
  });
});
