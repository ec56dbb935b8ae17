import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { listFills } from '../persistence/ledger.repository.ts';
import { findOrder } from '../persistence/orders.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { ScriptedVenue } from '../testing/scripted-venue.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import { ok } from '../../../shared/errors.ts';
import { OrderManager } from './order-manager.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };
const bot = (id: string, account: string) =>
  ({ id, name: id, symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account, status: 'running', createdAt: 0, updatedAt: 0 }) as const;

/** Two accounts, each with its own venue: the paper simulator and a remote one the test answers by hand. */
async function setup(blockedAccount?: (accountId: string) => string | null) {
  const { db } = await openDatabase(join(tempDir(), 'venues.sqlite'));
  const clock = manualClock();
  const paper = new PaperVenue([BTC], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  paper.markPrice('BTC/USDT', 100);
  const remote = new ScriptedVenue();
  const venues = new VenueRegistry([
    ['paper', paper],
    ['binance-main', remote],
  ]);
  await insertBot(db, bot('on-paper', 'paper'));
  await insertBot(db, bot('on-binance', 'binance-main'));
  await insertBot(db, bot('on-gone', 'removed-account'));
  const logger = recordingLogger();
  const orders = new OrderManager({ db, venues, bus: new EventBus((e) => { throw e; }), clock, logger, ...(blockedAccount ? { blockedAccount } : {}) });
  return { db, paper, remote, venues, orders, logger };
}

const buy = (botId: string, clientOrderId: string) => ({ botId, symbol: 'BTC/USDT', side: 'BUY' as const, type: 'MARKET' as const, qty: 1, clientOrderId });

describe('orders on several accounts', () => {
  it('sends each order to the venue of its bot’s account and names that account on the order', async () => {
    const { orders, remote } = await setup();
    const onPaper = await orders.place(buy('on-paper', 'sr-p1'));
    expect(onPaper).toMatchObject({ venue: 'paper', status: 'FILLED' });
    expect(remote.submitted).toEqual([]);

    const placing = orders.place(buy('on-binance', 'sr-b1'));
    await expect.poll(() => remote.submitted.length).toBe(1);
    remote.answerSubmit('sr-b1', ok({ venueOrderId: 'v1', fills: [] }));
    expect(await placing).toMatchObject({ venue: 'binance-main', status: 'ACCEPTED' });
  });

  it('refuses, with the reason, an order for an account that has no venue, and sends it nowhere', async () => {
    const { orders, remote } = await setup();
    const order = await orders.place(buy('on-gone', 'sr-g1'));
    expect(order).toMatchObject({ status: 'REJECTED', venue: 'removed-account', rejectReason: 'Account removed-account is not connected, so its venue cannot take orders' });
    expect(remote.submitted).toEqual([]);
    expect(await orders.cancel('sr-g1')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('ignores a report about an order of another account, and books the one of its own account', async () => {
    const { db, orders, remote, logger } = await setup();
    await orders.place(buy('on-paper', 'sr-p1'));
    const fill = (clientOrderId: string) => ({ fillId: `t-${clientOrderId}`, clientOrderId, qty: 1, px: 100, fee: 0, ts: 1 });
    remote.report({ kind: 'filled', fill: fill('sr-p1') });
    await orders.settled();
    expect((await listFills(db, { botId: 'on-paper', limit: 10 })).map((f) => f.fillId)).toEqual(['sr-p1-1']);
    expect(logger.entries.some((entry) => entry.message.includes('did not place on that account'))).toBe(true);

    const placing = orders.place(buy('on-binance', 'sr-b1'));
    await expect.poll(() => remote.submitted.length).toBe(1);
    remote.report({ kind: 'filled', fill: fill('sr-b1') });
    remote.answerSubmit('sr-b1', ok({ venueOrderId: 'v1', fills: [] }));
    await placing;
    await orders.settled();
    expect(await findOrder(db, 'sr-b1')).toMatchObject({ status: 'FILLED', filledQty: 1, venueOrderId: 'v1' });
  });

  it('cancels at the order’s own venue, and says so plainly when that account is gone', async () => {
    const { orders, remote, venues } = await setup();
    const placing = orders.place({ ...buy('on-binance', 'sr-b2'), type: 'LIMIT', price: 90 });
    await expect.poll(() => remote.submitted.length).toBe(1);
    remote.answerSubmit('sr-b2', ok({ venueOrderId: 'v2', fills: [] }));
    await placing;
    await venues.remove('binance-main');
    expect(await orders.cancel('sr-b2')).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'Account binance-main is not connected, so its venue cannot take orders' } });
    expect(await orders.reconcile('sr-b2')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('refuses every order of an account its reconciliation still blocks, and sends none', async () => {
    const blocked = (accountId: string) => (accountId === 'binance-main' ? 'Account binance-main is being reconciled with the exchange' : null);
    const { orders, remote } = await setup(blocked);
    expect(await orders.place(buy('on-binance', 'sr-b3'))).toMatchObject({ status: 'REJECTED', rejectReason: 'Account binance-main is being reconciled with the exchange' });
    expect(await orders.place({ ...buy('on-binance', 'sr-b4'), side: 'SELL', reduceOnly: true })).toMatchObject({ status: 'REJECTED', rejectReason: 'Account binance-main is being reconciled with the exchange' });
    expect(remote.submitted).toEqual([]);
    expect(await orders.place(buy('on-paper', 'sr-p2'))).toMatchObject({ status: 'FILLED' });
  });
});
