import { describe, expect, it } from 'vitest';
import { listFills } from '../../persistence/ledger.repository.ts';
import { fakeAccountForEachTest } from './testing/fake-account-per-test.ts';

const session = fakeAccountForEachTest();

describe('one trade reported by the submit reply, the poller, fetchOrder and fillsSince', () => {
  it('is booked once: fills, fees and position equal the exchange’s trades', async () => {
    const account = await session.account();
    session.fake().book.marketFillParts = 3;
    session.fake().fault({ kind: 'duplicate_fill', endpoint: 'GET /api/v3/myTrades' });
    const placed = await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.003, clientOrderId: 'sr-3way' });
    expect(placed.status).toBe('FILLED');
    await account.orders.reconcile('sr-3way');
    const run = await account.reconciler.reconcile(account.venue.id, 'manual');
    expect(run.ok && run.value.state).toBe('ready');
    await account.orders.settled();
    const fills = await listFills(account.db, { limit: 100 });
    const trades = session.fake().book.trades.filter((t) => t.orderId === session.fake().book.byClientId('BTCUSDT', 'sr-3way')?.orderId);
    expect(fills.map((f) => f.fillId).sort()).toEqual(trades.map((t) => String(t.id)).sort());
    expect(fills.reduce((sum, f) => sum + f.fee, 0)).toBeCloseTo(trades.reduce((sum, t) => sum + t.commission, 0), 8);
    expect(account.orders.position('b1', 'BTC/USDT').netQty).toBeCloseTo(0.003, 10);
  });
});
