import { describe, expect, it } from 'vitest';
import { findOrder } from '../../persistence/orders.repository.ts';
import { listOrderEvents } from '../../persistence/order-events.repository.ts';
import { ACCOUNT, databaseFile, fill, insertAccountBot, placeLimit, session, view } from './reconcile-test-setup.ts';

const auditOf = (s: Awaited<ReturnType<typeof session>>) => s.db.selectFrom('auditLog').select(['action', 'entityId', 'detailJson']).orderBy('id').execute();

describe('the trader settles what reconciliation lists', () => {
  it('adopts an open order carrying our prefix that we have no row for: it joins the bot, with its fills and a history that says why', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    s.venue.setView(view({ clientOrderId: 'sr-foreign', side: 'BUY', qty: 2, price: 90 }, 'open', [fill('sr-foreign', 1, 0.5, 90)]));
    s.venue.setView({ ...view({ clientOrderId: 'someone-else', side: 'BUY', qty: 1, price: 1 }, 'open') });
    s.venue.setHoldings({ balances: [{ currency: 'BTC', total: 0.5, free: 0.5 }] });
    const found = await s.reconciler.register(s.target);
    expect(found.mismatches).toEqual([
      expect.objectContaining({ id: 'foreign_order:sr-foreign', kind: 'foreign_order', actions: ['adopt', 'cancel'], botIds: ['b1'], venueQty: 2, venue: expect.stringContaining('0.5 of 2 filled') }),
    ]);

    const refused = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'foreign_order:sr-foreign', action: 'adopt' });
    expect(refused.ok || refused.error.code).toBe('INVALID_INPUT');
    const adopted = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'foreign_order:sr-foreign', action: 'adopt', botId: 'b1' });
    expect(adopted.ok && adopted.value.mismatches).toEqual([]);
    expect(await findOrder(s.db, 'sr-foreign')).toMatchObject({ botId: 'b1', venue: ACCOUNT, status: 'PARTIALLY_FILLED', filledQty: 0.5, venueOrderId: 'v-sr-foreign' });
    expect(s.orders.position('b1', 'BTC/USDT').netQty).toBe(0.5);
    expect((await listOrderEvents(s.db, 'sr-foreign'))[0]?.detail).toMatch(/Adopted by the trader on the Reconcile screen/);
    expect(await auditOf(s)).toEqual([expect.objectContaining({ action: 'reconcile.adopt', entityId: ACCOUNT })]);
    await s.close();
  });

  it('cancels a foreign order at the venue, and an order still open there that we hold as finished', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    await placeLimit(s, 'sr-ours', 1, 95, 'accepted');
    await s.db.updateTable('orders').set({ status: 'CANCELED' }).where('clientOrderId', '=', 'sr-ours').execute(); // we think it ended
    s.venue.answerCancelsAtOnce();
    s.venue.setView(view({ clientOrderId: 'sr-foreign', side: 'SELL', qty: 1, price: 120 }, 'open'));
    s.venue.setView(view({ clientOrderId: 'sr-ours', side: 'BUY', qty: 1, price: 95 }, 'open'));
    const found = await s.reconciler.register(s.target);
    expect(found.mismatches.map((m) => [m.id, m.actions])).toEqual([
      ['foreign_order:sr-foreign', ['adopt', 'cancel']],
      ['open_at_venue:sr-ours', ['cancel']],
    ]);
    expect((await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'open_at_venue:sr-ours', action: 'adopt', botId: 'b1' })).ok).toBe(false);
    await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'foreign_order:sr-foreign', action: 'cancel' });
    const after = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'open_at_venue:sr-ours', action: 'cancel' });
    expect(after.ok && after.value.mismatches).toEqual([]);
    expect((await s.venue.openOrders()).length).toBe(0);
    expect(await findOrder(s.db, 'sr-foreign')).toBeUndefined();
    expect((await auditOf(s)).map((a) => a.action)).toEqual(['reconcile.cancel', 'reconcile.cancel']);
    await s.close();
  });

  it('refuses a decision on a difference that is gone, and says so when the venue cannot be asked', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    s.venue.setView(view({ clientOrderId: 'sr-foreign', side: 'BUY', qty: 1, price: 90 }, 'open'));
    await s.reconciler.register(s.target);
    s.venue.setDown('ETIMEDOUT');
    const down = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'foreign_order:sr-foreign', action: 'adopt', botId: 'b1' });
    expect(down.ok || down.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('ETIMEDOUT') });
    s.venue.setDown(null);
    s.venue.setView(view({ clientOrderId: 'sr-foreign', side: 'BUY', qty: 1, price: 90 }, 'canceled'));
    const gone = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'foreign_order:sr-foreign', action: 'adopt', botId: 'b1' });
    expect(gone.ok || gone.error.code).toBe('CONFLICT');
    expect(await findOrder(s.db, 'sr-foreign')).toBeUndefined();
    const unknown = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'foreign_order:nope', action: 'cancel' });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    await s.close();
  });
});

describe('positions and balances', () => {
  it('lists a derivatives position the venue holds another size of; adopt moves the bot to it', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1', 'BTC/USDT:USDT');
    s.venue.setHoldings({ positions: [{ symbol: 'BTC/USDT:USDT', qty: -0.3, avgPxOpen: 101 }] });
    const found = await s.reconciler.register(s.target);
    expect(found.mismatches).toEqual([
      expect.objectContaining({ id: 'position:BTC/USDT:USDT', ourQty: 0, venueQty: -0.3, ours: 'Your bots hold no BTC/USDT:USDT position', venue: 'The venue holds short 0.3 BTC/USDT:USDT', actions: ['adopt'] }),
    ]);
    const adopted = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'position:BTC/USDT:USDT', action: 'adopt', botId: 'b1' });
    expect(adopted.ok && adopted.value.mismatches).toEqual([]);
    expect(s.orders.position('b1', 'BTC/USDT:USDT')).toMatchObject({ netQty: -0.3, avgPxOpen: 101 });
    expect((await auditOf(s)).map((a) => a.action)).toEqual(['position.adjust', 'reconcile.adopt']);
    await s.close();
  });

  it('lists a spot currency the venue holds less of than the bots; mark closed writes their positions off', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    await insertAccountBot(s.db, 'b2');
    await s.orders.adjustPosition('b1', 'BTC/USDT', 0.2, 100, 'test setup');
    await s.orders.adjustPosition('b2', 'BTC/USDT', 0.1, 100, 'test setup');
    s.venue.setHoldings({ balances: [{ currency: 'BTC', total: 0.5, free: 0.5 }] }); // more than ours: the trader's own coins, not listed
    expect((await s.reconciler.register(s.target)).mismatches).toEqual([]);
    s.venue.setHoldings({ balances: [{ currency: 'BTC', total: 0.1, free: 0.1 }] });
    const short = await s.reconciler.reconcile(ACCOUNT, 'manual');
    expect(short.ok && short.value.mismatches).toEqual([
      expect.objectContaining({ id: 'balance:BTC', ours: 'Your bots hold 0.3 BTC (b1: 0.2, b2: 0.1)', venue: 'The venue account holds 0.1 BTC, 0.2 BTC less', actions: ['adopt'] }),
    ]);
    const tooSmall = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'balance:BTC', action: 'adopt', botId: 'b2' });
    expect(tooSmall.ok || tooSmall.error.message).toMatch(/Bot b2 holds 0.1 on BTC\/USDT, less than the 0.2 missing/);
    const adopted = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'balance:BTC', action: 'adopt', botId: 'b1' });
    expect(adopted.ok || adopted.error).toBe(true);
    expect(s.orders.position('b1', 'BTC/USDT').netQty).toBeCloseTo(0, 12);

    s.venue.setHoldings({ balances: [] });
    const gone = await s.reconciler.reconcile(ACCOUNT, 'manual');
    expect(gone.ok && gone.value.mismatches.map((m) => m.actions)).toEqual([['adopt', 'mark_closed']]);
    const closed = await s.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'balance:BTC', action: 'mark_closed' });
    expect(closed.ok && closed.value.mismatches).toEqual([]);
    expect(s.orders.position('b2', 'BTC/USDT').netQty).toBe(0);
    await s.close();
  });
});
