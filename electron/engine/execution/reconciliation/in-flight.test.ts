import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { ScriptedVenue } from '../../testing/scripted-venue.ts';
import { ACCOUNT, databaseFile, flush, insertAccountBot, placeLimit, session } from './reconcile-test-setup.ts';

const restored = { kind: 'connection', state: 'restored', reason: null, ts: 1 } as const;

describe('a submit on its way while a later reconciliation asks about it', () => {
  it('is not rejected by a reconnect run: its reply settles it', async () => {
    const s = await session(databaseFile());
    await insertAccountBot(s.db, 'b1');
    await s.reconciler.register(s.target);
    await placeLimit(s, 'sr-flying', 1, 100, 'none');
    s.venue.report(restored);
    await s.reconciler.reconcile(ACCOUNT, 'manual'); // queued behind the reconnect run
    expect(await findOrder(s.db, 'sr-flying')).toMatchObject({ status: 'PENDING_SUBMIT' });
    expect(s.reconciler.status(ACCOUNT)).toMatchObject({ state: 'ready', mismatches: [] });
    s.venue.answerSubmit('sr-flying', ok({ venueOrderId: 'v-1', fills: [] }));
    await flush(s.orders);
    expect(await findOrder(s.db, 'sr-flying')).toMatchObject({ status: 'ACCEPTED', venueOrderId: 'v-1' });
    await s.close();
  });

  it('is rejected once the venue has not known it for the grace period (its reply was lost)', async () => {
    const s = await session(databaseFile(), new ScriptedVenue(ACCOUNT), 10);
    await insertAccountBot(s.db, 'b1');
    await s.reconciler.register(s.target);
    await placeLimit(s, 'sr-lost', 1, 100, 'lost');
    await s.reconciler.reconcile(ACCOUNT, 'manual');
    expect(await findOrder(s.db, 'sr-lost')).toMatchObject({ status: 'PENDING_SUBMIT' });
    s.wallClock.advance(10);
    // The reconciler asks again by itself once the grace has passed.
    for (let i = 0; i < 200 && (await findOrder(s.db, 'sr-lost'))?.status === 'PENDING_SUBMIT'; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await findOrder(s.db, 'sr-lost')).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('never reached') });
    await s.close();
  });
});
