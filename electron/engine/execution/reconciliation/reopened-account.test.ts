import { describe, expect, it } from 'vitest';
import { findOrder } from '../../persistence/orders.repository.ts';
import { ScriptedVenue } from '../../testing/scripted-venue.ts';
import { ACCOUNT, databaseFile, fill, flush, insertAccountBot, session, view } from './reconcile-test-setup.ts';

describe('an account whose venue is reopened while the app runs (keys, options or label changed)', () => {
  it('does not reject a submit still on its way through the old connection: it is booked when the venue learns of it', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    await s.reconciler.register(s.target);
    // A bot's order leaves through the old connection; its request has not reached the exchange yet.
    const placing = s.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 100, clientOrderId: 'sr-on-its-way' });
    await flush(s.orders);

    await s.reconciler.unregister(ACCOUNT);
    const reopened = new ScriptedVenue(ACCOUNT);
    await s.reconciler.register({ ...s.target, venue: reopened });
    expect(await findOrder(s.db, 'sr-on-its-way')).toMatchObject({ status: 'PENDING_SUBMIT' });

    // The request lands and fills; the old connection's reply is lost.
    reopened.setView(view({ clientOrderId: 'sr-on-its-way', side: 'BUY', qty: 1, price: 100 }, 'filled', [fill('sr-on-its-way', 1, 1, 100)]));
    reopened.setHoldings({ balances: [{ currency: 'BTC', total: 1, free: 1 }] });
    s.venue.answerSubmit('sr-on-its-way', 'lost');
    await placing;
    await s.reconciler.reconcile(ACCOUNT, 'manual');
    expect(await findOrder(s.db, 'sr-on-its-way')).toMatchObject({ status: 'FILLED', filledQty: 1 });
    expect(s.orders.position('b1', 'BTC/USDT').netQty).toBe(1);
    await s.close();
  });
});
