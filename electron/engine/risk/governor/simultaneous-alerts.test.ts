import { createRouterClient } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../index.ts';
import { silentLogger } from '../../ports/logger.ts';
import { until } from '../../testing/full-disk.ts';
import { simulatedOf } from '../../testing/simulated-of.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { exposureOfFilled } from './testing/figures.ts';

describe('a hundred TradingView alerts at once, on ten bots, in the running engine', () => {
  it('never open more positions nor more exposure than the account allows', async () => {
    const engine = await createEngine({ dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, market: { historyBars: 50 } });
    try {
      const client = createRouterClient(engine.router, { context: { engine: engine.services } });
      await simulatedOf(engine.services).advance(2); // fresh prices
      await client.risk.setLimits({ accountId: 'paper', limits: { maxOpenPositions: 4, maxTotalExposure: 50 } as never });
      const posts: (() => Promise<number>)[] = [];
      for (let b = 0; b < 10; b++) {
        const bot = await client.bots.create({ name: `TV ${b}`, symbol: b % 2 ? 'SOL/USDT' : 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 100 }, orderQty: b % 2 ? 0.1 : 0.005, account: 'paper' });
        await client.bots.start({ id: bot.id });
        const rotated = await engine.services.webhooks.rotatePassphrase(bot.id);
        if (!rotated.ok) throw new Error(rotated.error.message);
        const url = engine.services.webhooks.status().url ?? '';
        for (let i = 0; i < 10; i++) {
          posts.push(() => fetch(url, { method: 'POST', body: JSON.stringify({ passphrase: rotated.value.passphrase, bot: bot.id, action: 'buy', id: `${b}-${i}` }) }).then((r) => r.status));
        }
      }
      const statuses = await Promise.all(posts.map((post) => post()));
      expect(statuses.filter((s) => s !== 200 && s !== 202)).toEqual([]);
      const { db } = engine.services;
      await until(async () => (await db.selectFrom('alerts').select('id').where('status', '=', 'pending').execute()).length === 0, 'every alert to be acted on');
      const orders = await db.selectFrom('orders').select(['botId', 'status', 'rejectReason']).execute();
      const taken = orders.filter((o) => o.status !== 'REJECTED');
      expect(taken.length).toBeGreaterThan(0);
      expect(new Set(taken.map((o) => o.botId)).size).toBeLessThanOrEqual(4);
      const [status] = await client.risk.governor();
      expect(status?.openPositions).toBeLessThanOrEqual(4);
      const exposure = await exposureOfFilled(db, engine.services.lastPrice);
      expect(exposure.total).toBeLessThanOrEqual(50);
      expect(orders.filter((o) => o.status === 'REJECTED').every((o) => /^Max (open positions|total exposure)/.test(o.rejectReason ?? ''))).toBe(true);
    } finally {
      await engine.stop();
    }
  });
});
