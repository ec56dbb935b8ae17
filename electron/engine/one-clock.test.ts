import { createRouterClient } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import { createEngine } from './index.ts';
import { silentLogger } from './ports/logger.ts';
import { simulatedOf } from './testing/simulated-of.ts';
import { manualClock, tempDir } from './testing/temp-dir.ts';

describe('one clock for an order, its fills, its history and its trade', () => {
  it('stamps them all in market time, inside the bar they traded on, whatever the wall clock says', async () => {
    // The wall clock stands still while the market runs 200 bars ahead of it: a wall-clock stamp would show.
    const wall = manualClock(Date.UTC(2027, 10, 25));
    const engine = await createEngine({ dataDir: tempDir(), clock: wall, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
    try {
      const client = createRouterClient(engine.router, { context: { engine: engine.services } });
      const bot = await client.bots.create({ name: 'Trend', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 0.05, account: 'paper' });
      await client.bots.start({ id: bot.id });
      await simulatedOf(engine.services).advance(2_000);
      await simulatedOf(engine.services).flush();
      const orders = await client.orders.list({ botId: bot.id, limit: 5000 });
      const fills = await client.fills.list({ botId: bot.id, limit: 5000 });
      const trades = await client.trades.list({ botId: bot.id, limit: 5000 });
      expect(fills.length).toBeGreaterThan(1);
      expect(trades.length).toBeGreaterThan(0);
      const bars = await client.market.candles({ symbol: 'ETH/USDT', timeframe: '1m', limit: 5000 });
      const first = bars[0]?.ts ?? 0;
      const last = (bars.at(-1)?.ts ?? 0) + 60_000;
      expect(last - wall.now()).toBeGreaterThan(100 * 60_000); // the market is well ahead of the wall clock
      expect(orders.some((o) => o.tsInit > wall.now() + 60_000)).toBe(true);
      for (const order of orders) {
        const fill = fills.find((f) => f.clientOrderId === order.clientOrderId);
        expect(order.tsInit).toBeGreaterThanOrEqual(first);
        expect(order.tsInit).toBeLessThanOrEqual(last);
        if (fill) expect(fill.tsEvent).toBe(order.tsInit); // a paper market order fills in the tick it is placed
        const { events } = await client.orders.detail({ clientOrderId: order.clientOrderId });
        for (const event of events) expect(event.tsEvent).toBeLessThanOrEqual(last);
      }
      for (const trade of trades) expect(trade.closedAt).toBeLessThanOrEqual(last);
    } finally {
      await engine.stop();
    }
  });
});
