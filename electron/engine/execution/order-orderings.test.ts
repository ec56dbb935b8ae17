import { VenueRegistry } from '../venues/venue-registry.ts';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/errors.ts';
import { EventBus } from '../event-bus.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { listTrades } from '../persistence/ledger.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { listOrderEvents } from '../persistence/order-events.repository.ts';
import { findOrder } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { ScriptedVenue } from '../testing/scripted-venue.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import type { VenueFill } from '../venues/venue.ts';
import { OrderManager } from './order-manager.ts';

/** What the exchange actually did with a SELL 1 that closes a long 1 @ 100. */
type Outcome = 'filled' | 'canceled' | 'open' | 'rejected';
type Message = { kind: 'submit-reply' } | { kind: 'fill'; index: number } | { kind: 'cancel-reply' };

interface Scenario {
  outcome: Outcome;
  /** Fill sizes in quarters of the order, and their prices. */
  fills: { units: number; px: number }[];
  /** Which fills also ride in the submit reply (a venue may send them both ways). */
  inReply: boolean[];
  submitLost: boolean;
  cancel: boolean;
  cancelLost: boolean;
  /** Delivery order of every message, duplicates included; the cancel is asked after `cancelAt` of them. */
  deliveries: Message[];
  cancelAt: number;
}

const ORDER = 'sr-scripted-sell';
const fillOf = (scenario: Scenario, index: number): VenueFill => {
  const { units, px } = scenario.fills[index] as { units: number; px: number };
  return { fillId: `x-${index}`, clientOrderId: ORDER, qty: units / 4, px, fee: 0, ts: 1_000 + index };
};

/** Splits `units` quarters into 1-3 fills, each at its own price. */
type ScriptedFill = Scenario['fills'][number];
const fillsOf = (minUnits: number, maxUnits: number): fc.Arbitrary<ScriptedFill[]> =>
  fc
    .integer({ min: minUnits, max: maxUnits })
    .chain((total) => (total === 0 ? fc.constant<number[]>([]) : fc.array(fc.integer({ min: 1, max: total }), { minLength: 1, maxLength: 3 }).map((cuts) => split(total, cuts))))
    .chain((units) => fc.tuple(...units.map((u) => fc.integer({ min: 90, max: 130 }).map((px): ScriptedFill => ({ units: u, px })))));

function split(total: number, cuts: number[]): number[] {
  const marks = [...new Set(cuts.filter((c) => c < total))].sort((a, b) => a - b);
  const parts: number[] = [];
  let last = 0;
  for (const mark of [...marks, total]) {
    parts.push(mark - last);
    last = mark;
  }
  return parts;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.constantFrom<Outcome>('filled', 'canceled', 'open', 'rejected').chain((outcome) => {
  const fills = outcome === 'filled' ? fillsOf(4, 4) : outcome === 'rejected' ? fc.constant<ScriptedFill[]>([]) : fillsOf(0, 3);
  return fills.chain((f) =>
    fc
      .record({
        inReply: fc.array(fc.boolean(), { minLength: f.length, maxLength: f.length }),
        submitLost: fc.boolean(),
        cancel: outcome === 'canceled' ? fc.constant(true) : outcome === 'filled' ? fc.boolean() : fc.constant(false),
        cancelLost: fc.boolean(),
        duplicates: fc.array(fc.nat({ max: Math.max(0, f.length - 1) }), { maxLength: f.length === 0 ? 0 : 3 }),
      })
      .chain((r) => {
        const messages: Message[] = [{ kind: 'submit-reply' }, ...f.map((_, index) => ({ kind: 'fill' as const, index })), ...r.duplicates.map((index) => ({ kind: 'fill' as const, index }))];
        if (r.cancel) messages.push({ kind: 'cancel-reply' });
        return fc
          // Early cancels are the ones that race the fills: weighted up.
          .tuple(fc.shuffledSubarray(messages, { minLength: messages.length, maxLength: messages.length }), fc.oneof(fc.constantFrom(0, 1), fc.nat({ max: messages.length })))
          .map(([deliveries, cancelAt]) => ({ outcome, fills: f, inReply: r.inReply, submitLost: r.submitLost, cancel: r.cancel, cancelLost: r.cancelLost, deliveries, cancelAt }));
      }),
  );
});

/** SQLite calls resolve at once; one macrotask lets every chained transaction finish. */
const flush = async (orders: OrderManager) => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await orders.settled();
};

async function setup() {
  const { db, close } = await openDatabase(join(tempDir(), 'orderings.sqlite'));
  const venue = new ScriptedVenue();
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger: silentLogger });
  await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  // The position the scripted order closes: long 1 @ 100, delivered in the plain order.
  const opening = orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1, clientOrderId: 'sr-open' });
  await flush(orders);
  venue.answerSubmit('sr-open', ok({ venueOrderId: 'v-0', fills: [{ fillId: 'o-1', clientOrderId: 'sr-open', qty: 1, px: 100, fee: 0, ts: 500 }] }));
  await opening;
  return { db, close, venue, orders };
}

async function play(scenario: Scenario) {
  const { db, close, venue, orders } = await setup();
  const fills = scenario.fills.map((_, i) => fillOf(scenario, i));
  const status = { filled: 'filled', canceled: 'canceled', open: 'open', rejected: 'rejected' } as const;
  venue.setView({ clientOrderId: ORDER, symbol: 'BTC/USDT', side: 'SELL', type: 'LIMIT', qty: 1, price: 95, venueOrderId: 'v-1', status: status[scenario.outcome], fills, reason: scenario.outcome === 'rejected' ? 'Insufficient balance' : null, ts: 2_000 });

  const placing = orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'SELL', type: 'LIMIT', qty: 1, price: 95, clientOrderId: ORDER });
  await flush(orders);
  let canceling: Promise<unknown> | undefined;
  const pending = [...scenario.deliveries];
  for (let step = 0; pending.length > 0; step++) {
    if (step === scenario.cancelAt && scenario.cancel) {
      canceling = orders.cancel(ORDER);
      await flush(orders);
    }
    const message = pending.shift() as Message;
    if (message.kind === 'submit-reply') {
      const reply = scenario.outcome === 'rejected' ? fail('REFUSED', 'Insufficient balance') : ok({ venueOrderId: 'v-1', fills: fills.filter((_, i) => scenario.inReply[i]) });
      venue.answerSubmit(ORDER, scenario.submitLost ? 'lost' : reply);
    } else if (message.kind === 'fill') {
      venue.report({ kind: 'filled', fill: fills[message.index] as VenueFill });
    } else if (venue.hasPendingCancel(ORDER)) {
      venue.answerCancel(ORDER, scenario.cancelLost ? 'lost' : scenario.outcome === 'canceled' ? ok(null) : fail('CONFLICT', 'Unknown order sent'));
    } else if (canceling === undefined && scenario.cancelAt > step) {
      pending.push(message); // the cancel has not been asked yet: its reply comes later
    }
    await flush(orders);
  }
  if (scenario.cancel && canceling === undefined) {
    canceling = orders.cancel(ORDER);
    await flush(orders);
    if (venue.hasPendingCancel(ORDER)) venue.answerCancel(ORDER, scenario.cancelLost ? 'lost' : scenario.outcome === 'canceled' ? ok(null) : fail('CONFLICT', 'Unknown order sent'));
  }
  await Promise.all([placing, canceling]);
  await flush(orders);
  // Whatever was lost on the way, asking the venue settles the order; asking twice changes nothing.
  await orders.reconcile(ORDER);
  await orders.reconcile(ORDER);

  const result = { order: await findOrder(db, ORDER), trades: await listTrades(db, { limit: 10 }), events: await listOrderEvents(db, ORDER), position: orders.position('b1', 'BTC/USDT'), submits: venue.submitted.length };
  await close();
  return result;
}

function expected(scenario: Scenario) {
  const units = scenario.fills.reduce((sum, f) => sum + f.units, 0);
  const notional = scenario.fills.reduce((sum, f) => sum + (f.units / 4) * f.px, 0);
  const status = { filled: 'FILLED', canceled: 'CANCELED', open: units > 0 ? 'PARTIALLY_FILLED' : 'ACCEPTED', rejected: 'REJECTED' }[scenario.outcome];
  return { status, filledQty: units / 4, avgFillPx: units === 0 ? null : notional / (units / 4), fills: scenario.fills.length };
}

describe('order state under any ordering of a remote venue’s replies', () => {
  it('ends with the order, position and trade the exchange has, however replies are reordered, repeated or lost', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const want = expected(scenario);
        const { order, trades, events, position, submits } = await play(scenario);
        expect(order).toMatchObject({ status: want.status, filledQty: want.filledQty });
        if (want.avgFillPx === null) expect(order?.avgFillPx).toBeNull();
        else expect(order?.avgFillPx).toBeCloseTo(want.avgFillPx, 9);
        expect(order?.venueOrderId).toBe(scenario.outcome === 'rejected' ? null : 'v-1');
        expect(position.netQty).toBeCloseTo(1 - want.filledQty, 10);
        expect(events.filter((e) => e.kind === 'filled' && e.applied)).toHaveLength(want.fills);
        expect(submits).toBe(2); // the opening order and this one: never sent twice
        if (scenario.outcome === 'filled') {
          expect(trades).toEqual([expect.objectContaining({ side: 'LONG', qty: 1, avgPxOpen: 100 })]);
          expect(trades[0]?.avgPxClose).toBeCloseTo(want.avgFillPx ?? Number.NaN, 9);
        } else expect(trades).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, 180_000); // 200 fresh databases: generous on a loaded 2-core machine

  it('keeps a fill that arrives before the submit reply (the reply does not move the order back)', async () => {
    const { order, events } = await play({ outcome: 'filled', fills: [{ units: 4, px: 101 }], inReply: [false], submitLost: false, cancel: false, cancelLost: false, deliveries: [{ kind: 'fill', index: 0 }, { kind: 'submit-reply' }], cancelAt: 0 });
    expect(order).toMatchObject({ status: 'FILLED', filledQty: 1, avgFillPx: 101, venueOrderId: 'v-1' });
    expect(events.map((e) => [e.kind, e.statusAfter])).toEqual([
      ['submitted', 'PENDING_SUBMIT'],
      ['filled', 'FILLED'],
      ['accepted', 'FILLED'],
      ['accepted', 'FILLED'],
      ['filled', 'FILLED'],
      ['accepted', 'FILLED'],
      ['filled', 'FILLED'],
    ]);
  });

  it('applies a fill reported after the cancel was confirmed, and keeps the order canceled', async () => {
    const { order, position } = await play({
      outcome: 'canceled',
      fills: [{ units: 2, px: 120 }],
      inReply: [false],
      submitLost: false,
      cancel: true,
      cancelLost: false,
      deliveries: [{ kind: 'submit-reply' }, { kind: 'cancel-reply' }, { kind: 'fill', index: 0 }],
      cancelAt: 1,
    });
    expect(order).toMatchObject({ status: 'CANCELED', filledQty: 0.5, avgFillPx: 120 });
    expect(position.netQty).toBe(0.5);
  });
});
