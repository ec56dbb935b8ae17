import { describe, expect, it } from 'vitest';
import { listFills } from '../../persistence/ledger.repository.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { listOrderEvents } from '../../persistence/order-events.repository.ts';
import { ScriptedVenue } from '../../testing/scripted-venue.ts';
import { ACCOUNT, databaseFile, fill, insertAccountBot, placeLimit, session, view } from './reconcile-test-setup.ts';

describe('restart: orders that changed while the app was down', () => {
  it('ends with the statuses, fills and position the venue has; an order the venue never heard of is rejected, one it lost is listed', async () => {
    const file = databaseFile();
    const before = await session(file);
    await insertAccountBot(before.db, 'b1');
    await placeLimit(before, 'sr-filled', 1, 100, 'accepted');
    await placeLimit(before, 'sr-partly', 2, 99, 'accepted');
    await placeLimit(before, 'sr-canceled', 1, 98, 'accepted');
    await placeLimit(before, 'sr-never-arrived', 1, 97, 'lost');
    await placeLimit(before, 'sr-arrived', 1, 96, 'none'); // the app died before the reply
    await placeLimit(before, 'sr-vanished', 1, 95, 'accepted');
    await before.close();

    // Meanwhile at the venue:
    const venue = new ScriptedVenue(ACCOUNT);
    venue.setView(view({ clientOrderId: 'sr-filled', side: 'BUY', qty: 1, price: 100 }, 'filled', [fill('sr-filled', 1, 0.4, 100), fill('sr-filled', 2, 0.6, 100)]));
    venue.setView(view({ clientOrderId: 'sr-partly', side: 'BUY', qty: 2, price: 99 }, 'open', [fill('sr-partly', 1, 0.5, 99)]));
    venue.setView(view({ clientOrderId: 'sr-canceled', side: 'BUY', qty: 1, price: 98 }, 'canceled'));
    venue.setView(view({ clientOrderId: 'sr-arrived', side: 'BUY', qty: 1, price: 96 }, 'filled', [fill('sr-arrived', 1, 1, 96)]));
    venue.setHoldings({ balances: [{ currency: 'BTC', total: 2.5, free: 2.5 }, { currency: 'USDT', total: 1_000, free: 900 }] });

    const after = await session(file, venue);
    const result = await after.reconciler.register(after.target);
    const status = async (id: string) => (await findOrder(after.db, id))?.status;
    expect(result.state).toBe('ready');
    expect(await status('sr-filled')).toBe('FILLED');
    expect(await findOrder(after.db, 'sr-partly')).toMatchObject({ status: 'PARTIALLY_FILLED', filledQty: 0.5, venueOrderId: 'v-sr-partly' });
    expect(await status('sr-canceled')).toBe('CANCELED');
    expect(await findOrder(after.db, 'sr-never-arrived')).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('never reached') });
    expect(await findOrder(after.db, 'sr-arrived')).toMatchObject({ status: 'FILLED', venueOrderId: 'v-sr-arrived' });
    expect(await status('sr-vanished')).toBe('ACCEPTED');
    expect(result.mismatches).toEqual([expect.objectContaining({ kind: 'unknown_order', clientOrderId: 'sr-vanished', actions: ['mark_closed'], ours: expect.stringContaining('BUY 1 BTC/USDT limit @ 95') })]);
    expect((await listFills(after.db, { limit: 100 })).map((f) => f.fillId).sort()).toEqual(['sr-arrived-f1', 'sr-filled-f1', 'sr-filled-f2', 'sr-partly-f1']);
    expect(after.orders.position('b1', 'BTC/USDT').netQty).toBeCloseTo(2.5, 10);

    // A second look finds nothing new and writes nothing to the orders' history.
    const history = (await Promise.all(['sr-filled', 'sr-partly', 'sr-canceled'].map((id) => listOrderEvents(after.db, id)))).flat().length;
    expect((await after.reconciler.reconcile(ACCOUNT, 'manual')).ok).toBe(true);
    expect((await Promise.all(['sr-filled', 'sr-partly', 'sr-canceled'].map((id) => listOrderEvents(after.db, id)))).flat()).toHaveLength(history);
    expect(await listFills(after.db, { limit: 100 })).toHaveLength(4);

    // The trader marks the vanished order closed: an event with the reason, in its history.
    const settled = await after.reconciler.resolve({ accountId: ACCOUNT, mismatchId: 'unknown_order:sr-vanished', action: 'mark_closed' });
    expect(settled.ok && settled.value.mismatches).toEqual([]);
    expect((await listOrderEvents(after.db, 'sr-vanished')).at(-1)).toMatchObject({ kind: 'canceled', applied: true, detail: expect.stringContaining('Marked closed by the trader') });
    await after.close();
  });

  it('books a fill the venue made after we saw the order end (a cancel raced it) from the fills since the last one', async () => {
    const file = databaseFile();
    const before = await session(file);
    await insertAccountBot(before.db, 'b1');
    await placeLimit(before, 'sr-raced', 1, 100, 'accepted');
    const canceling = before.orders.cancel('sr-raced');
    await new Promise((resolve) => setImmediate(resolve));
    before.venue.answerCancel('sr-raced', { ok: true, value: null });
    await canceling;
    await before.close();

    const venue = new ScriptedVenue(ACCOUNT);
    venue.setHoldings({ balances: [{ currency: 'BTC', total: 0.25, free: 0.25 }] });
    // fetchOrder is not asked (the order is finished here); only the fills since tell.
    venue.setView(view({ clientOrderId: 'sr-raced', side: 'BUY', qty: 1, price: 100 }, 'canceled', [fill('sr-raced', 1, 0.25, 100, Date.UTC(2026, 0, 5, 12))]));
    const after = await session(file, venue);
    await after.reconciler.register(after.target);
    expect(await findOrder(after.db, 'sr-raced')).toMatchObject({ status: 'CANCELED', filledQty: 0.25 });
    expect(after.orders.position('b1', 'BTC/USDT').netQty).toBe(0.25);
    expect(venue.asked).toContain('fillsSince');
    expect(venue.asked).not.toContain('fetchOrder:sr-raced');
    await after.close();
  });

  it('finishes on a later attempt what a pass cut short by the venue left half done, booking each fill once', async () => {
    const file = databaseFile();
    const before = await session(file);
    await insertAccountBot(before.db, 'b1');
    await placeLimit(before, 'sr-a', 1, 100, 'accepted');
    await placeLimit(before, 'sr-b', 1, 99, 'accepted');
    await before.close();

    const venue = new ScriptedVenue(ACCOUNT);
    venue.setView(view({ clientOrderId: 'sr-a', side: 'BUY', qty: 1, price: 100 }, 'filled', [fill('sr-a', 1, 1, 100)]));
    venue.setView(view({ clientOrderId: 'sr-b', side: 'BUY', qty: 1, price: 99 }, 'filled', [fill('sr-b', 1, 1, 99)]));
    venue.setHoldings({ balances: [{ currency: 'BTC', total: 2, free: 2 }] });
    let cut = true;
    venue.beforeAnswer = (question) => {
      if (question === 'fetchOrder:sr-b' && cut) {
        cut = false;
        throw new Error('read ECONNRESET');
      }
    };
    const after = await session(file, venue);
    const first = await after.reconciler.register(after.target);
    expect(first).toMatchObject({ state: 'failed', reason: 'read ECONNRESET' });
    expect(await findOrder(after.db, 'sr-a')).toMatchObject({ status: 'FILLED' }); // done before the cut, and kept
    await after.reconciler.ready(ACCOUNT);
    expect(await findOrder(after.db, 'sr-b')).toMatchObject({ status: 'FILLED' });
    expect((await listFills(after.db, { limit: 10 })).map((f) => f.fillId).sort()).toEqual(['sr-a-f1', 'sr-b-f1']);
    expect(after.orders.position('b1', 'BTC/USDT').netQty).toBe(2);
    await after.close();
  });
});
