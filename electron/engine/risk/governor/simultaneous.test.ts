import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { exposureOfFilled } from './testing/figures.ts';
import { governorHarness } from './testing/harness.ts';

describe('a hundred signals at once', () => {
  it('never exceed max open positions nor total exposure, whatever order they commit in', async () => {
    const h = await governorHarness({ bots: 100 });
    await h.setLimits({ maxOpenPositions: 7, maxTotalExposure: 2_000, maxSymbolExposure: 1_500 });
    const symbols = ['BTC/USDT', 'ETH/USDT'];
    const placed = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const symbol = symbols[i % 2] ?? 'BTC/USDT';
        const limit = i % 3 === 0;
        const px = symbol === 'BTC/USDT' ? 100 : 10;
        return h.orders.place({ botId: `b${i + 1}`, symbol, side: 'BUY', type: limit ? 'LIMIT' : 'MARKET', price: limit ? px * 0.99 : null, qty: symbol === 'BTC/USDT' ? 3 : 30 });
      }),
    );
    const taken = placed.filter((o) => o.status !== 'REJECTED');
    expect(taken.length).toBeGreaterThan(0);
    expect(taken.length).toBeLessThanOrEqual(7);
    const { total, bySymbol } = await exposureOfFilled(h.db, (s) => (s === 'BTC/USDT' ? 100 : 10));
    expect(total).toBeLessThanOrEqual(2_000);
    for (const value of bySymbol.values()) expect(value).toBeLessThanOrEqual(1_500);
    const reasons = new Set(placed.filter((o) => o.status === 'REJECTED').map((o) => o.rejectReason?.split(':')[0]));
    expect([...reasons].every((r) => r === 'Max open positions 7 reached' || r?.startsWith('Max total exposure') || r?.startsWith('Max exposure per symbol'))).toBe(true);
  });
});

describe('fail closed on a broken risk check', () => {
  it('a database error inside the governor refuses the order, stores it REJECTED, never sends it, and logs why', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxOpenPositions: 5 });
    await sql`drop table risk_governor_locks`.execute(h.db);
    const order = await h.buy('b1', 1);
    expect(order).toMatchObject({ status: 'REJECTED', filledQty: 0, rejectReason: 'The account risk limits check could not be completed, so the order was not sent (risk checks fail closed)' });
    expect(await h.db.selectFrom('fills').selectAll().execute()).toEqual([]);
    const stored = await h.db.selectFrom('orders').select(['status', 'venueOrderId']).execute();
    expect(stored).toEqual([{ status: 'REJECTED', venueOrderId: null }]);
    expect(h.logger.entries.some((e) => e.level === 'error' && e.message === 'A risk check failed; the order is refused')).toBe(true);
  });
});
