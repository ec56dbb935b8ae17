import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/errors.ts';
import { findOrder } from '../persistence/orders.repository.ts';
import { databaseFile, flush, insertAccountBot, session } from './reconciliation/reconcile-test-setup.ts';

describe('a cancel that reached the exchange before the order did', () => {
  it('is sent again once the exchange accepts the order: the trader’s cancel is not lost while the order rests', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    const placing = s.orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 100, clientOrderId: 'sr-early-cancel' });
    await flush(s.orders);
    const canceling = s.orders.cancel('sr-early-cancel');
    await flush(s.orders);
    s.venue.answerCancel('sr-early-cancel', fail('REFUSED', 'Binance did not cancel sr-early-cancel: the exchange has no such order'));
    await canceling;
    s.venue.answerSubmit('sr-early-cancel', ok({ venueOrderId: 'v-1', fills: [] }));
    await placing;
    await flush(s.orders);
    expect(s.venue.hasPendingCancel('sr-early-cancel')).toBe(true);
    s.venue.answerCancel('sr-early-cancel', ok(null));
    await flush(s.orders);
    expect(await findOrder(s.db, 'sr-early-cancel')).toMatchObject({ status: 'CANCELED' });
    await s.close();
  });
});
