import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';
import { insertAlertOnce } from '../persistence/webhooks.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';

const DAY = 86_400_000;

describe('recovery does not act on an alert far older than the age limit', () => {
  it('an alert accepted three days before the restart, none of its legs placed, is not traded at today\'s price', async () => {
    const dataDir = tempDir();
    const open = () => createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
    let engine = await open();
    const created = await engine.services.bots.create({ name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper' });
    if (!created.ok) throw new Error(created.error.message);
    const botId = created.value.id;
    await engine.services.bots.setStatus(botId, 'running');
    // As the intake commits it: answered 200, then the app died before acting on it (power cut, kill -9).
    const stored = { bot: botId, action: 'long', symbol: null, amount: null, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: 'old-1', time: null, comment: null };
    await insertAlertOnce(engine.services.db, { dedupeKey: 'id:old', botId, receivedAt: Date.now() - 3 * DAY, commandJson: JSON.stringify(stored) });
    expect((await engine.services.webhooks.status()).settings.maxAgeSeconds).toBe(60);
    await engine.stop();

    engine = await open(); // restarted three days later
    try {
      const orders = await engine.services.db.selectFrom('orders').select(['side', 'qty', 'status']).execute();
      // Without this rule: a 3-day-old "long" is bought at today's price; the age limit (60 s) only guards intake.
      expect(orders).toEqual([]);
      expect(engine.services.orders.position(botId, 'SOL/USDT').netQty).toBe(0);
      const alert = await engine.services.db.selectFrom('alerts').select(['status', 'result']).executeTakeFirst();
      expect(alert?.status).not.toBe('executed');
    } finally {
      await engine.stop();
    }
  });
});
