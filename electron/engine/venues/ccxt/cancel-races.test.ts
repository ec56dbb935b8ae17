import { describe, expect, it } from 'vitest';
import { listFills } from '../../persistence/ledger.repository.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { fakeAccountForEachTest } from './testing/fake-account-per-test.ts';

const session = fakeAccountForEachTest();

async function restingOrder(clientOrderId: string) {
  const account = await session.account({ pollMs: 600_000 }); // no poll: the cancel alone learns what happened
  const placed = await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000, clientOrderId });
  expect(placed.status).toBe('ACCEPTED');
  return account;
}

async function expectAsTheExchange(account: Awaited<ReturnType<typeof restingOrder>>, clientOrderId: string, status: string) {
  const theirs = session.fake().book.byClientId('BTCUSDT', clientOrderId);
  const trades = session.fake().book.trades.filter((t) => t.orderId === theirs?.orderId);
  const fills = (await listFills(account.db, { limit: 100 })).filter((f) => f.clientOrderId === clientOrderId);
  expect(await findOrder(account.db, clientOrderId)).toMatchObject({ status, filledQty: theirs?.executedQty });
  expect(fills.map((f) => f.fillId).sort()).toEqual(trades.map((t) => String(t.id)).sort());
  expect(fills.reduce((sum, f) => sum + f.fee, 0)).toBeCloseTo(trades.reduce((sum, t) => sum + t.commission, 0), 8);
  expect(account.orders.position('b1', 'BTC/USDT').netQty).toBeCloseTo(theirs?.executedQty ?? Number.NaN, 10);
}

describe('a cancel racing fills at the exchange', () => {
  it('the order filled just before the cancel arrived: FILLED, the cancel refused in plain words, fills and fees once', async () => {
    const account = await restingOrder('sr-race-1');
    session.fake().book.fillPartially('sr-race-1', 0.004);
    session.fake().book.setPrice('BTCUSDT', 48_000);
    const canceled = await account.orders.cancel('sr-race-1');
    await account.orders.settled();
    expect(canceled.ok ? null : canceled.error.message).toMatch(/did not cancel/);
    await expectAsTheExchange(account, 'sr-race-1', 'FILLED');
  });

  it('filled in two parts, then canceled: CANCELED, the position what filled, fees counted once', async () => {
    const account = await restingOrder('sr-race-2');
    session.fake().book.fillPartially('sr-race-2', 0.003);
    session.fake().book.fillPartially('sr-race-2', 0.002);
    session.fake().fault({ kind: 'duplicate_fill', endpoint: 'GET /api/v3/myTrades' });
    const canceled = await account.orders.cancel('sr-race-2');
    await account.orders.settled();
    expect(canceled.ok && canceled.value.status).toBe('CANCELED');
    await account.reconciler.reconcile(account.venue.id, 'manual');
    await account.orders.settled();
    await expectAsTheExchange(account, 'sr-race-2', 'CANCELED');
  });
});
