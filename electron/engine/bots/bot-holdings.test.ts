import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';

const SOL = 'SOL/USDT';

async function engineWithRestingBuy() {
  const engine = await createEngine({ dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
  const created = await engine.services.bots.create({ name: 'TV', symbol: SOL, timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper' });
  if (!created.ok) throw new Error(created.error.message);
  const botId = created.value.id;
  const last = engine.services.lastPrice(SOL) ?? 0;
  const limit = Math.round(last * 0.9 * 100) / 100;
  const order = await engine.services.orders.place({ botId, symbol: SOL, side: 'BUY', type: 'LIMIT', qty: 1, price: limit });
  expect(order.status).toBe('ACCEPTED'); // resting below the market
  // The price falls through the limit: the resting buy fills.
  const fillAt = async () => {
    const px = Math.round(limit * 0.99 * 100) / 100;
    await engine.feed({ symbol: SOL, timeframe: '1m', closed: false, candle: { ts: 0, open: px, high: px, low: px, close: px, volume: 0 } });
    await engine.services.orders.settled();
  };
  return { engine, botId, fillAt, order };
}

describe('a bot is not deleted or moved away from its resting orders', () => {
  it('refuses to delete a bot whose limit order still rests, or cancels it first', async () => {
    const { engine, botId, fillAt } = await engineWithRestingBuy();
    try {
      const removed = await engine.services.bots.remove(botId); // the bot is stopped and flat
      // Deleted, the order would fill into a position no bot shows and no alert can close.
      expect(removed).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^Cancel the bot’s open order \(BUY 1 SOL\/USDT @ [\d.]+\) before deleting the bot$/) } });
      await fillAt();
      expect(engine.services.orders.position(botId, SOL).netQty).toBe(1);
      expect(await engine.services.bots.remove(botId)).toMatchObject({ ok: false, error: { message: 'Close the bot’s long SOL/USDT position before deleting the bot' } });
      expect((await engine.services.bots.get(botId)).ok).toBe(true);
    } finally {
      await engine.stop();
    }
  });

  it('refuses to move a bot to another symbol while its order in the old one rests', async () => {
    const { engine, botId, fillAt, order } = await engineWithRestingBuy();
    try {
      const moved = await engine.services.bots.update(botId, { name: 'TV', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 0.01, account: 'paper' });
      // Moved, the fill would open a SOL position the ETH bot's alerts (close, exit_long) never touch.
      expect(moved).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: ['symbol'] }] } });
      const canceled = await engine.services.orders.cancel(order.clientOrderId);
      expect(canceled.ok).toBe(true);
      await fillAt();
      expect(engine.services.orders.position(botId, SOL).netQty).toBe(0);
      const config = { name: 'TV', symbol: 'ETH/USDT', timeframe: '1m' as const, strategy: { kind: 'tradingview' as const, maxEntries: 5 }, orderQty: 0.01, account: 'paper' as const };
      expect(await engine.services.bots.update(botId, config)).toMatchObject({ ok: true, value: { symbol: 'ETH/USDT' } });
    } finally {
      await engine.stop();
    }
  });
});
