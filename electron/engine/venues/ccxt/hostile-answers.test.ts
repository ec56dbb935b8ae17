import { describe, expect, it } from 'vitest';
import { delay } from '../../../../shared/delay.ts';
import { listFills } from '../../persistence/ledger.repository.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { fakeAccountForEachTest } from './testing/fake-account-per-test.ts';

type Json = Record<string, unknown> & { fills: Record<string, unknown>[] };

const session = fakeAccountForEachTest();

async function open() {
  const account = await session.account();
  return account;
}

const market = { botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.002 } as const;

/** What the ledger holds for the order: its row, its fills and the bot's position, checked against the fake's own records. */
async function expectTrueState(account: Awaited<ReturnType<typeof open>>, clientOrderId: string) {
  const theirs = session.fake().book.byClientId('BTCUSDT', clientOrderId);
  const trades = session.fake().book.trades.filter((t) => t.orderId === theirs?.orderId);
  const fills = (await listFills(account.db, { limit: 100 })).filter((f) => f.clientOrderId === clientOrderId);
  expect(await findOrder(account.db, clientOrderId)).toMatchObject({ status: 'FILLED', filledQty: theirs?.executedQty, venueOrderId: String(theirs?.orderId) });
  expect(fills.map((f) => [f.fillId, f.lastQty, f.lastPx])).toEqual(trades.map((t) => [String(t.id), t.qty, t.price]));
  expect(account.orders.position('b1', 'BTC/USDT').netQty).toBeCloseTo(theirs?.executedQty ?? Number.NaN, 10);
  expect(session.fake().book.countByClientId(clientOrderId)).toBe(1);
}

describe('odd or hostile exchange answers through the real ccxt client', () => {
  it('a submit reply with a fill quantity no number can hold (1e400): the order is booked from the exchange’s sane records, never as NaN', async () => {
    const account = await open();
    session.fake().fault({ kind: 'rewrite', endpoint: 'POST /api/v3/order', times: 1, rewrite: (b) => ({ ...(b as Json), fills: (b as Json).fills.map((f) => ({ ...f, qty: '1e400' })) }) });
    await account.orders.place({ ...market, clientOrderId: 'sr-odd-1' });
    await account.until('sr-odd-1', (s) => s === 'FILLED');
    await expectTrueState(account, 'sr-odd-1');
  });

  it('a submit reply describing another order (another id, client id and size): nothing of it is booked on ours', async () => {
    const account = await open();
    session.fake().fault({
      kind: 'rewrite', endpoint: 'POST /api/v3/order', times: 1,
      rewrite: (b) => ({ ...(b as Json), orderId: 77, clientOrderId: 'web_trader_1', origQty: '1.00000000', executedQty: '1.00000000', fills: [{ price: '50000.00000000', qty: '1.00000000', commission: '50.00000000', commissionAsset: 'USDT', tradeId: 99 }] }),
    });
    await account.orders.place({ ...market, clientOrderId: 'sr-odd-2' });
    await account.until('sr-odd-2', (s) => s === 'FILLED');
    await expectTrueState(account, 'sr-odd-2');
  });

  it('a submit answered 200 with an empty body: the order is found and booked', async () => {
    const account = await open();
    session.fake().fault({ kind: 'rewrite', endpoint: 'POST /api/v3/order', times: 1, rewrite: () => '' });
    await account.orders.place({ ...market, clientOrderId: 'sr-odd-3' });
    await account.until('sr-odd-3', (s) => s === 'FILLED');
    await expectTrueState(account, 'sr-odd-3');
  });

  it('a poll answered with an unusable fill price: nothing is booked from it, and the order is booked right once the exchange answers sensibly', async () => {
    const account = await open();
    const placed = await account.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.002, price: 49_000, clientOrderId: 'sr-odd-4' });
    expect(placed.status).toBe('ACCEPTED');
    session.fake().fault({ kind: 'rewrite', endpoint: 'GET /api/v3/myTrades', times: 5, rewrite: (b) => (b as Record<string, unknown>[]).map((t) => ({ ...t, price: '1e400' })) });
    session.fake().book.setPrice('BTCUSDT', 48_000);
    for (let i = 0; i < 300 && session.fake().requests.filter((r) => r.endpoint === 'GET /api/v3/myTrades').length < 5; i += 1) await delay(10);
    await account.orders.settled();
    expect((await listFills(account.db, { limit: 100 })).every((f) => Number.isFinite(f.lastPx))).toBe(true);
    await account.until('sr-odd-4', (s) => s === 'FILLED');
    await expectTrueState(account, 'sr-odd-4');
  });
});
