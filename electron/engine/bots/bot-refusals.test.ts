import { createRouterClient } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';

async function open(dataDir: string) {
  const engine = await createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, emergencyPacing: { firstMs: 5, maxMs: 20 }, market: { historyBars: 50 } });
  return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }) };
}

const tvBot = (name: string, symbol: string) => ({ name, symbol, timeframe: '1m' as const, strategy: { kind: 'tradingview' as const, maxEntries: 5 }, orderQty: 0.1, account: 'paper' });

describe('each bot’s last refusal', () => {
  it('shows an entry refused before it became an order, then a newer rejected order, an alert refused after its passphrase (not a stranger’s), and the rejection again after a restart', async () => {
    const dataDir = tempDir();
    let { engine, client } = await open(dataDir);
    let ethId = '';
    try {
      const eth = await client.bots.create(tvBot('Eth', 'ETH/USDT'));
      const sol = await client.bots.create(tvBot('Sol', 'SOL/USDT'));
      ethId = eth.id;
      expect(await client.risk.lastRefusals()).toEqual([]);

      // What the runtime reports when an entry's size is below the venue minimum.
      engine.services.refusals.note(eth.id, 'Entry not sent: 0.001 ETH is worth 3.00 USDT, below the 5 USDT minimum');
      const at = engine.services.market.clock.now();
      expect(await client.risk.lastRefusals()).toEqual([{ botId: eth.id, reason: 'Entry not sent: 0.001 ETH is worth 3.00 USDT, below the 5 USDT minimum', at }]);

      await client.risk.emergencyStop({ level: 'block', source: 'api' });
      const rejected = await client.orders.place({ botId: eth.id, side: 'BUY', type: 'MARKET', qty: 0.1 });
      expect(rejected.status).toBe('REJECTED');
      const afterStop = await client.risk.lastRefusals();
      expect(afterStop).toEqual([{ botId: eth.id, reason: rejected.rejectReason, at: rejected.tsInit }]);
      expect(afterStop[0]?.reason).toContain('Emergency stop');
      expect(afterStop.some((r) => r.botId === sol.id)).toBe(false); // never refused yet
      await client.risk.liftEmergencyStop({ source: 'api' });

      // An alert refused after its passphrase was checked is shown; one with a wrong passphrase is not.
      const passphrase = await engine.services.webhooks.rotatePassphrase(sol.id);
      if (!passphrase.ok) throw new Error(passphrase.error.message);
      const post = (secret: string) => fetch(engine.services.webhooks.status().url ?? '', { method: 'POST', body: JSON.stringify({ passphrase: secret, bot: sol.id, action: 'buy' }) }).then((r) => r.status);
      expect(await post(passphrase.value.passphrase)).toBe(409); // the bot is stopped
      expect(await post('a stranger guessing')).toBe(401);
      const solRefusals = (await client.risk.lastRefusals()).filter((r) => r.botId === sol.id);
      expect(solRefusals).toEqual([{ botId: sol.id, reason: 'Alert refused: Bot Sol is stopped; start it to trade alerts', at: expect.any(Number) }]);
    } finally {
      await engine.stop();
    }
    ({ engine, client } = await open(dataDir));
    try {
      expect(await client.risk.lastRefusals()).toEqual([{ botId: ethId, reason: expect.stringContaining('Emergency stop'), at: expect.any(Number) }]);
    } finally {
      await engine.stop();
    }
  });
});
