import { describe, expect, it } from 'vitest';
import { botOf, locksHarness } from './testing/locks-harness.ts';

const guard = { enabled: true, tradeLimit: 1, lookbackMinutes: 60, lockMinutes: 30, perSymbol: false };

/**
 * An alert's close and a manual sell are not flagged reduce-only (only the engine's own closes
 * are), yet they only reduce a position: a lock refuses entries, never a way out of a position.
 */
describe('a lock holds entries, never exits', () => {
  it('lets a plain sell that only reduces the held long go while every symbol is locked, and still refuses the one that would go short', async () => {
    const h = await locksHarness();
    expect(await h.enter('BTC/USDT')).toMatchObject({ status: 'FILLED' });
    await h.configure((c) => ({ ...c, stopLossGuard: guard }));
    await h.roundTrip('SOL/USDT', 95); // a stop-out locks every symbol
    const bot = botOf('BTC/USDT');
    const sell = (qty: number) => h.orders.place({ botId: bot, symbol: 'BTC/USDT', side: 'SELL', type: 'MARKET', qty, source: 'alert' });

    expect(await sell(2)).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('locked until') }); // 1 held: 1 more would be a short entry
    expect(await sell(0.4)).toMatchObject({ status: 'FILLED' });
    expect(await sell(0.6)).toMatchObject({ status: 'FILLED' });
    expect(h.orders.position(bot, 'BTC/USDT').netQty).toBe(0);
    expect(await sell(0.1)).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('locked until') }); // flat: an entry
  });
});
