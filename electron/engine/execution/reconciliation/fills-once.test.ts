import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listFills } from '../../persistence/ledger.repository.ts';
import { listOrderEvents } from '../../persistence/order-events.repository.ts';
import { findOrder } from '../../persistence/orders.repository.ts';
import { silentLogger } from '../../ports/logger.ts';
import { manualClock } from '../../testing/temp-dir.ts';
import type { VenueFill } from '../../venues/venue.ts';
import { reconcileAccount } from './reconcile-account.ts';
import { ACCOUNT, databaseFile, fill, flush, insertAccountBot, placeLimit, session, SYMBOL, view } from './reconcile-test-setup.ts';

const ORDER = 'sr-live';

async function accepted() {
  const s = await session(databaseFile());
  await insertAccountBot(s.db, 'b1');
  await placeLimit(s, ORDER, 1, 100, 'accepted');
  return s;
}

async function ledgerOf(s: Awaited<ReturnType<typeof accepted>>) {
  await flush(s.orders);
  const fills = await listFills(s.db, { limit: 100 });
  const applied = (await listOrderEvents(s.db, ORDER)).filter((e) => e.kind === 'filled' && e.applied);
  return { order: await findOrder(s.db, ORDER), fills: fills.map((f) => f.fillId).sort(), applied: applied.length, position: s.orders.position('b1', SYMBOL).netQty };
}

describe('missed fills are booked exactly once', () => {
  it('when fetchOrder and fillsSince both report them, and two passes run at once', async () => {
    const s = await accepted();
    s.venue.setView(view({ clientOrderId: ORDER, side: 'BUY', qty: 1, price: 100 }, 'filled', [fill(ORDER, 1, 0.3, 100), fill(ORDER, 2, 0.7, 99)]));
    s.venue.setHoldings({ balances: [{ currency: 'BTC', total: 1, free: 1 }] });
    const options = { db: s.db, clock: manualClock(), logger: silentLogger, unknownGraceMs: 0, fillsMarginMs: 60_000, sleep: async () => undefined, firstRun: false };
    await Promise.all([reconcileAccount(s.target, options), reconcileAccount(s.target, options)]);
    const ledger = await ledgerOf(s);
    expect(ledger).toMatchObject({ order: { status: 'FILLED', filledQty: 1 }, fills: [`${ORDER}-f1`, `${ORDER}-f2`], applied: 2, position: 1 });
    await s.close();
  });

  it('when the connection is restored during the start reconciliation (the second run waits for the first)', async () => {
    const s = await accepted();
    s.venue.setView(view({ clientOrderId: ORDER, side: 'BUY', qty: 1, price: 100 }, 'filled', [fill(ORDER, 1, 1, 100)]));
    s.venue.setHoldings({ balances: [{ currency: 'BTC', total: 1, free: 1 }] });
    let overlapping = 0;
    let inFlight = 0;
    s.venue.beforeAnswer = async (question) => {
      inFlight++;
      overlapping = Math.max(overlapping, inFlight);
      if (question === `fetchOrder:${ORDER}` && s.venue.asked.length === 1) s.venue.report({ kind: 'connection', state: 'restored', reason: null, ts: 1 });
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
    };
    const first = await s.reconciler.register(s.target);
    const second = await s.reconciler.reconcile(ACCOUNT, 'manual'); // queued behind the reconnect run
    expect(first.state).toBe('ready');
    expect(second.ok && second.value.state).toBe('ready');
    expect(overlapping).toBe(1);
    expect(s.venue.asked.filter((q) => q === `fetchOrder:${ORDER}`).length).toBeGreaterThanOrEqual(1);
    expect(await ledgerOf(s)).toMatchObject({ order: { status: 'FILLED', filledQty: 1 }, fills: [`${ORDER}-f1`], applied: 1, position: 1 });
    await s.close();
  });

  it('whatever the ordering of live fill reports (repeated) against the reconciliation applying the same fills', async () => {
    const scenario = fc
      .record({ units: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 3 }), open: fc.boolean() })
      .chain(({ units, open }) =>
        fc.record({
          units: fc.constant(units),
          // Filled in full unless the order is still open with part of it filled.
          open: fc.constant(open),
          // Each live report: which fill, and before which of the reconciliation's questions it arrives.
          reports: fc.array(fc.record({ index: fc.nat({ max: units.length - 1 }), at: fc.nat({ max: 8 }) }), { maxLength: 6 }),
          reconnectAt: fc.option(fc.nat({ max: 8 }), { nil: null }),
        }),
      );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ units, open, reports, reconnectAt }) => {
        const total = units.reduce((a, b) => a + b, 0);
        const qty = open ? total + 1 : total;
        const s = await accepted();
        await s.db.updateTable('orders').set({ qty: qty / 4 }).where('clientOrderId', '=', ORDER).execute();
        const fills: VenueFill[] = units.map((u, i) => fill(ORDER, i + 1, u / 4, 100 - i));
        s.venue.setView(view({ clientOrderId: ORDER, side: 'BUY', qty: qty / 4, price: 100 }, open ? 'open' : 'filled', fills));
        s.venue.setHoldings({ balances: [{ currency: 'BTC', total: total / 4, free: total / 4 }] });
        s.venue.beforeAnswer = (question) => {
          const at = s.venue.asked.length - 1;
          for (const r of reports) if (r.at === at) s.venue.report({ kind: 'filled', fill: fills[r.index] as VenueFill });
          if (reconnectAt === at) s.venue.report({ kind: 'connection', state: 'restored', reason: null, ts: 1 });
          void question;
        };
        await s.reconciler.register(s.target);
        await flush(s.orders);
        await s.reconciler.reconcile(ACCOUNT, 'manual');
        for (const r of reports) if (r.at >= s.venue.asked.length) s.venue.report({ kind: 'filled', fill: fills[r.index] as VenueFill });
        const ledger = await ledgerOf(s);
        expect(ledger.order).toMatchObject({ status: open ? 'PARTIALLY_FILLED' : 'FILLED', filledQty: total / 4 });
        expect(ledger.fills).toHaveLength(units.length);
        expect(ledger.applied).toBe(units.length);
        expect(ledger.position).toBeCloseTo(total / 4, 10);
        expect(s.reconciler.status(ACCOUNT)).toMatchObject({ state: 'ready', mismatches: [] });
        await s.close();
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
