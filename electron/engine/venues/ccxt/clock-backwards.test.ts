import { describe, expect, it } from 'vitest';
import { listFills } from '../../persistence/ledger.repository.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { fakeAccountForEachTest } from './testing/fake-account-per-test.ts';

const DAY = 86_400_000;
const session = fakeAccountForEachTest();

describe('the exchange’s clock a day ahead, then set back', () => {
  it('a fill stamped in the future does not hide the fills made after the clock was set back from the catch-up', async () => {
    const account = await session.account({ pollMs: 600_000 }); // no poll: the catch-up alone must find the fill
    const fake = session.fake();
    // The exchange's clock is a day ahead when the first order fills, then right again.
    await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.002, price: 49_500, clientOrderId: 'sr-future' });
    fake.fault({ kind: 'rewrite', endpoint: 'GET /api/v3/myTrades', rewrite: (b) => (b as { time: number }[]).map((t) => ({ ...t, time: t.time + DAY })) });
    fake.book.setPrice('BTCUSDT', 49_400);
    expect(await account.orders.reconcile('sr-future')).toMatchObject({ ok: true, value: { status: 'FILLED' } });
    expect((await listFills(account.db, { limit: 10 }))[0]?.tsEvent).toBeGreaterThan(Date.now() + DAY / 2);
    fake.faults.clear();
    fake.book.setPrice('BTCUSDT', 50_000);
    const resting = await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000, clientOrderId: 'sr-after' });
    expect(resting.status).toBe('ACCEPTED');
    // A fill the app never heard of (its report lost), then the order ended as the app saw it.
    fake.book.fillPartially('sr-after', 0.004);
    await account.orders.recordEvent('sr-after', { kind: 'canceled', reason: 'test: canceled with its fill report lost' });
    const run = await account.reconciler.reconcile(account.venue.id, 'manual');
    expect(run.ok && run.value.state).toBe('ready');
    await account.orders.settled();
    expect(await findOrder(account.db, 'sr-after')).toMatchObject({ status: 'CANCELED', filledQty: 0.004 });
    expect((await listFills(account.db, { limit: 10 })).filter((f) => f.clientOrderId === 'sr-after')).toHaveLength(1);
    expect(account.orders.position('b1', 'BTC/USDT').netQty).toBeCloseTo(0.006, 10);
  });
});
