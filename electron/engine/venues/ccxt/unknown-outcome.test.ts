import { describe, expect, it } from 'vitest';
import { fakeAccountForEachTest } from './testing/fake-account-per-test.ts';

const session = fakeAccountForEachTest();

describe('a submit whose outcome stayed unknown (reply lost, every look-up failed)', () => {
  it('is followed up while the app runs: the order filled at the exchange ends FILLED, booked once, with no second order', async () => {
    const account = await session.account();
    session.fake().fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    session.fake().fault({ kind: 'drop', endpoint: 'GET /api/v3/order' });
    const placed = await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.002, clientOrderId: 'sr-unknown-1' });
    expect(placed.status).toBe('PENDING_SUBMIT');
    session.fake().faults.clear(); // the exchange answers again; the account's poller has no order to watch

    const after = await account.until('sr-unknown-1', (s) => s === 'FILLED');
    expect(after).toMatchObject({ status: 'FILLED', filledQty: 0.002 });
    expect(account.orders.position('b1', 'BTC/USDT').netQty).toBe(0.002);
    expect(session.fake().book.countByClientId('sr-unknown-1')).toBe(1);
  });

  it('an order that never reached the exchange ends REJECTED once the exchange answers again, and is not sent again', async () => {
    const account = await session.account();
    session.fake().fault({ kind: 'drop', endpoint: 'POST /api/v3/order' });
    session.fake().fault({ kind: 'drop', endpoint: 'GET /api/v3/order' });
    const placed = await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.002, clientOrderId: 'sr-unknown-3' });
    expect(placed.status).toBe('PENDING_SUBMIT');
    session.fake().faults.clear();

    const after = await account.until('sr-unknown-3', (s) => s === 'REJECTED');
    expect(after).toMatchObject({ status: 'REJECTED', filledQty: 0 });
    expect(session.fake().book.countByClientId('sr-unknown-3')).toBe(0);
    expect(account.orders.position('b1', 'BTC/USDT').netQty).toBe(0);
  });

  it('no new order is admitted on the account while an earlier order’s outcome is unknown', async () => {
    const account = await session.account();
    session.fake().fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    session.fake().fault({ kind: 'drop', endpoint: 'GET /api/v3/order' });
    await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.002, clientOrderId: 'sr-unknown-2' });
    expect(account.reconciler.admission(account.venue.id)).not.toBeNull();
  });
});
