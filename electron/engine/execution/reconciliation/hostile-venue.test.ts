import { describe, expect, it } from 'vitest';
import { listFills } from '../../persistence/ledger.repository.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { ACCOUNT, databaseFile, fill, insertAccountBot, placeLimit, session, view } from './reconcile-test-setup.ts';

describe('a venue answering numbers that cannot be booked', () => {
  it.each([
    ['a NaN fill quantity', { ...fill('sr-1', 1, Number.NaN, 100) }, /fill sr-1-f1 of order sr-1: quantity NaN, price 100/],
    ['an infinite fill price', { ...fill('sr-1', 1, 0.5, Number.POSITIVE_INFINITY) }, /price Infinity/],
    ['a negative fill quantity', { ...fill('sr-1', 1, -1, 100) }, /quantity -1/],
    ['a fill too small to count at 10 decimals', { ...fill('sr-1', 1, 1e-11, 100) }, /quantity 1e-11/],
  ])('blocks the account with %s, in plain words, and books nothing', async (_name, badFill, reason) => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    await placeLimit(s, 'sr-1', 1, 100, 'accepted');
    s.venue.setView(view({ clientOrderId: 'sr-1', side: 'BUY', qty: 1, price: 100 }, 'filled', [badFill]));
    const result = await s.reconciler.register(s.target);
    expect(result.state).toBe('failed');
    expect(result.reason).toMatch(reason);
    expect(s.reconciler.admission(ACCOUNT)).toMatch(/cannot book/);
    expect(await listFills(s.db, { limit: 10 })).toEqual([]);
    expect(await findOrder(s.db, 'sr-1')).toMatchObject({ status: 'ACCEPTED', filledQty: 0 });
    await s.close();
  });

  it('books a tiny but real fill (1e-7) exactly', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    await placeLimit(s, 'sr-1', 1, 100, 'accepted');
    s.venue.setView(view({ clientOrderId: 'sr-1', side: 'BUY', qty: 1, price: 100 }, 'open', [fill('sr-1', 1, 1e-7, 100)]));
    s.venue.setHoldings({ balances: [{ currency: 'BTC', total: 1e-7, free: 1e-7 }] });
    expect(await s.reconciler.register(s.target)).toMatchObject({ state: 'ready', mismatches: [] });
    expect(await findOrder(s.db, 'sr-1')).toMatchObject({ status: 'PARTIALLY_FILLED', filledQty: 1e-7 });
    await s.close();
  });

  it('does not let a NaN position or balance pass as “no difference”', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1', 'BTC/USDT:USDT');
    s.venue.setHoldings({ positions: [{ symbol: 'BTC/USDT:USDT', qty: Number.NaN, avgPxOpen: null }] });
    expect(await s.reconciler.register(s.target)).toMatchObject({ state: 'failed', reason: expect.stringContaining('BTC/USDT:USDT position of NaN') });
    await s.close();
  });

  it('refuses to adopt an open order of an unusable size', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    s.venue.setView(view({ clientOrderId: 'sr-foreign', side: 'BUY', qty: 1, price: 90 }, 'open'));
    await s.reconciler.register(s.target);
    s.venue.setView(view({ clientOrderId: 'sr-foreign', side: 'BUY', qty: 1e-320, price: 90 }, 'open'));
    const adopted = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'foreign_order:sr-foreign', action: 'adopt', botId: 'b1' });
    expect(adopted.ok || adopted.error.code).toBe('REFUSED');
    expect(await findOrder(s.db, 'sr-foreign')).toBeUndefined();
    await s.close();
  });
});
