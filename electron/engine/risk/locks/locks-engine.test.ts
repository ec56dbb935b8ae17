import { createRouterClient } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../index.ts';
import { silentLogger } from '../../ports/logger.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { until } from '../../testing/full-disk.ts';
import { DEFAULT_PROTECTIONS } from '../../../../shared/contract/risk-locks.ts';

async function open(dataDir: string) {
  const engine = await createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, emergencyPacing: { firstMs: 5, maxMs: 20 }, market: { historyBars: 50 } });
  return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }) };
}

const tvBot = (name: string, symbol: string) => ({ name, symbol, timeframe: '1m' as const, strategy: { kind: 'tradingview' as const, maxEntries: 5 }, orderQty: 0.1, account: 'paper' });

describe('protection locks in the running engine', () => {
  it('stores the settings, locks a symbol after a manual close, shows the bots that cannot enter and why, and lifts', async () => {
    const { engine, client } = await open(tempDir());
    try {
      expect(await client.risk.protections({ accountId: 'paper' })).toEqual(DEFAULT_PROTECTIONS);
      const config = { ...DEFAULT_PROTECTIONS, cooldown: { enabled: true, lockMinutes: 15 } };
      expect(await client.risk.setProtections({ accountId: 'paper', config })).toEqual(config);
      expect(await client.risk.protections({ accountId: 'paper' })).toEqual(config);
      await expect(client.risk.setProtections({ accountId: 'nobody', config })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No account nobody: protections are set on an existing account' });

      const sol = await client.bots.create(tvBot('Sol', 'SOL/USDT'));
      const eth = await client.bots.create(tvBot('Eth', 'ETH/USDT'));
      expect(await client.orders.place({ botId: sol.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).toMatchObject({ status: 'FILLED' });
      expect(await client.orders.place({ botId: sol.id, side: 'SELL', type: 'MARKET', qty: 0.1, reduceOnly: true })).toMatchObject({ status: 'FILLED' });
      await engine.services.orders.settled();
      await engine.services.locks.settled();

      const [lock] = await client.risk.locks();
      expect(lock).toMatchObject({ accountId: 'paper', symbol: 'SOL/USDT', rule: 'cooldown', active: true });
      const again = await client.orders.place({ botId: sol.id, side: 'BUY', type: 'MARKET', qty: 0.1 });
      expect(again).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringMatching(/^SOL\/USDT on account paper locked until \d\d:\d\d(:\d\d)? UTC: 15 min cooldown/) });
      expect(await client.risk.entryBlocks()).toEqual([{ botId: sol.id, reason: again.rejectReason }]);
      const lockAlerts = () => engine.services.db.selectFrom('notifications').select('title').where('kind', '=', 'risk_lock').execute();
      await until(async () => (await lockAlerts()).length > 0, 'the lock to be notified');
      expect(await lockAlerts()).toEqual([{ title: expect.stringMatching(/^SOL\/USDT on account paper locked until/) }]);

      expect(await client.risk.liftLock({ id: lock?.id ?? 0 })).toMatchObject({ active: false, liftedBy: 'trader' });
      expect(await client.risk.entryBlocks()).toEqual([]);
      await expect(client.risk.liftLock({ id: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

      await client.risk.emergencyStop({ level: 'block', source: 'api' });
      const blocked = await client.risk.entryBlocks();
      expect(blocked.map((b) => b.botId).sort()).toEqual([sol.id, eth.id].sort());
      expect(blocked[0]?.reason).toContain('Emergency stop');
      await client.risk.liftEmergencyStop({ source: 'api' });
      expect(await client.risk.entryBlocks()).toEqual([]);
    } finally {
      await engine.stop();
    }
  });
});
