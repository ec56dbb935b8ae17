import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import { EntryChecks } from './entry-checks.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };

async function setup(checks: EntryChecks) {
  const { db } = await openDatabase(join(tempDir(), 'checks.sqlite'));
  const clock = manualClock();
  const venue = new PaperVenue([BTC], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  venue.markPrice('BTC/USDT', 100);
  await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock, logger: silentLogger, entryChecks: checks });
  return { db, orders };
}

const buy = { botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1 } as const;

describe('risk rules on the order path', () => {
  it('refuses an entry a rule refuses, with the rule’s words, and never sends it', async () => {
    const checks = new EntryChecks(silentLogger);
    checks.add('open positions', () => 'At most 0 open positions');
    const { orders } = await setup(checks);
    const order = await orders.place(buy);
    expect(order).toMatchObject({ status: 'REJECTED', rejectReason: 'At most 0 open positions', filledQty: 0 });
  });

  it('fails closed: a rule that throws refuses the order and says so', async () => {
    const checks = new EntryChecks(silentLogger);
    checks.add('daily loss', () => {
      throw new Error('database is locked');
    });
    const { orders, db } = await setup(checks);
    const order = await orders.place(buy);
    expect(order.status).toBe('REJECTED');
    expect(order.rejectReason).toBe('The daily loss check could not be completed, so the order was not sent (risk checks fail closed)');
    expect(order.rejectReason).not.toContain('locked');
    expect(await listOrders(db, { limit: 5 })).toHaveLength(1);
  });

  it('never blocks a reduce-only order, and asks the rules in turn until one refuses', async () => {
    const asked: string[] = [];
    const checks = new EntryChecks(silentLogger);
    checks.add('first', () => (asked.push('first'), null));
    checks.add('second', async () => (asked.push('second'), asked.length > 2 ? 'Entries locked' : null));
    checks.add('third', () => (asked.push('third'), null));
    const { orders } = await setup(checks);
    expect((await orders.place(buy)).status).toBe('FILLED');
    expect(asked).toEqual(['first', 'second', 'third']);
    const close = await orders.place({ ...buy, side: 'SELL', reduceOnly: true });
    expect(close.status).toBe('FILLED');
    expect(asked).toHaveLength(3);
    expect(await orders.place(buy)).toMatchObject({ status: 'REJECTED', rejectReason: 'Entries locked' });
    expect(asked).toEqual(['first', 'second', 'third', 'first', 'second']);
  });

  it('names the rule that refused (or failed) to whoever counts refusals, and no rule when the order goes', async () => {
    const refusedBy: string[] = [];
    const checks = new EntryChecks(silentLogger);
    let mode: 'pass' | 'refuse' | 'throw' = 'pass';
    checks.add('exposure', () => (mode === 'refuse' ? 'Too much' : null));
    checks.add('daily loss', () => {
      if (mode === 'throw') throw new Error('disk I/O error');
      return null;
    });
    checks.onRefused((rule) => refusedBy.push(rule));
    const { orders } = await setup(checks);
    expect((await orders.place(buy)).status).toBe('FILLED');
    mode = 'refuse';
    expect((await orders.place(buy)).status).toBe('REJECTED');
    mode = 'throw';
    expect((await orders.place(buy)).status).toBe('REJECTED');
    expect(refusedBy).toEqual(['exposure', 'daily loss']);
  });
});
