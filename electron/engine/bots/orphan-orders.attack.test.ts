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

describe('a bot is not deleted or moved away from its resting orders (attack)', () => {
  it('refuses to delete a bot whose limit order still rests, or cancels it first', async () => {
    const { engine, botId, fillAt } = await engineWithRestingBuy();
    try {
      const removed = await engine.services.bots.remove(botId); // the bot is stopped and flat
      await fillAt();
      // Today: deleted, then the order fills into a position no bot shows and no alert can close.
      const orphan = engine.services.orders.position(botId, SOL).netQty;
      expect({ removed: removed.ok, orphan }).not.toEqual({ removed: true, orphan: 1 });
    } finally {
      await engine.stop();
    }
  });

  it('refuses to move a bot to another symbol while its order in the old one rests', async () => {
    const { engine, botId, fillAt } = await engineWithRestingBuy();
    try {
      const moved = await engine.services.bots.update(botId, { name: 'TV', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 0.01, account: 'paper' });
      await fillAt();
      // Today: moved, then a SOL position appears that the ETH bot's alerts (close, exit_long) never touch.
      const orphan = engine.services.orders.position(botId, SOL).netQty;
      expect({ moved: moved.ok, orphan }).not.toEqual({ moved: true, orphan: 1 });
    } finally {
      await engine.stop();
    }
  });
});
