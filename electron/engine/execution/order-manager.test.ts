import { VenueRegistry } from '../venues/venue-registry.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { listFills, listTrades } from '../persistence/ledger.repository.ts';
import { findOrder, listOrders } from '../persistence/orders.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import type { OrderRequest, SubmitResult } from '../venues/venue.ts';
import { ok } from '../../../shared/errors.ts';
import { ScriptedVenue } from '../testing/scripted-venue.ts';
import { OrderManager } from './order-manager.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };

async function setup() {
  const opened = await openDatabase(join(tempDir(), 'orders.sqlite'));
  const clock = manualClock();
  const venue = new PaperVenue([BTC], clock, { takerFee: 0.001, makerFee: 0.001, slippageBps: 0 });
  venue.markPrice('BTC/USDT', 100);
  const bus = new EventBus((e) => {
    throw e;
  });
  await insertBot(opened.db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  const orders = new OrderManager({ db: opened.db, venues: new VenueRegistry([['paper', venue]]), bus, clock, logger: silentLogger });
  return { ...opened, venue, orders, clock };
}

describe('OrderManager', () => {
  it('commits the order as PENDING_SUBMIT before a remote venue sees it', async () => {
    const { db, venue, orders } = await setup();
    let statusSeenByVenue: string | undefined;
    const submit = venue.submit.bind(venue);
    Object.assign(venue, { inProcess: false });
    venue.submit = async (request: OrderRequest): Promise<SubmitResult> => {
      // Read through Kysely: it would wait forever if the row were still inside an open transaction.
      statusSeenByVenue = (await findOrder(db, request.clientOrderId))?.status;
      return submit(request);
    };
    const order = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    expect(statusSeenByVenue).toBe('PENDING_SUBMIT');
    expect(order.status).toBe('FILLED');
    expect((await findOrder(db, order.clientOrderId))?.status).toBe('FILLED');
  });

  it('writes the order as PENDING_SUBMIT before the in-process paper venue sees it', async () => {
    const { db, sqlite, venue, orders } = await setup();
    let statusSeenByVenue: unknown;
    const submit = venue.submit.bind(venue);
    venue.submit = async (request: OrderRequest): Promise<SubmitResult> => {
      statusSeenByVenue = sqlite.prepare('select status from orders where client_order_id = ?').pluck().get(request.clientOrderId);
      return submit(request);
    };
    const order = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    expect(statusSeenByVenue).toBe('PENDING_SUBMIT');
    expect((await findOrder(db, order.clientOrderId))?.status).toBe('FILLED');
  });

  it('stores fills, the position and the closed trade of a round trip', async () => {
    const { db, venue, orders } = await setup();
    await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    venue.markPrice('BTC/USDT', 110);
    await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'SELL', type: 'MARKET', qty: 1 });
    expect(await listFills(db, { limit: 10 })).toHaveLength(2);
    // +10 gross, fees 0.1 + 0.11
    expect(await listTrades(db, { limit: 10 })).toEqual([expect.objectContaining({ side: 'LONG', qty: 1, avgPxOpen: 100, avgPxClose: 110, realizedPnl: 9.79, fees: 0.21 })]);
    expect(orders.position('b1', 'BTC/USDT')).toMatchObject({ netQty: 0, realizedPnl: 9.79 });
  });

  it('records a venue rejection with its reason and no fill', async () => {
    const { db, orders } = await setup();
    const order = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.01 });
    expect(order).toMatchObject({ status: 'REJECTED', rejectReason: 'Order value 1.00 USDT is below the minimum 5 USDT' });
    expect(await listFills(db, { limit: 10 })).toEqual([]);
  });

  it('leaves an order PENDING_SUBMIT when the venue does not answer', async () => {
    const { db, venue, orders } = await setup();
    Object.assign(venue, { inProcess: false });
    venue.submit = async () => {
      throw new Error('socket hang up');
    };
    const order = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    expect((await findOrder(db, order.clientOrderId))?.status).toBe('PENDING_SUBMIT');
  });

  it('cancels a resting limit order once, and refuses to cancel a filled one', async () => {
    const { orders } = await setup();
    const resting = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 90 });
    expect(await orders.cancel(resting.clientOrderId)).toMatchObject({ ok: true, value: { status: 'CANCELED' } });
    expect(await orders.cancel(resting.clientOrderId)).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'The order is CANCELED; only an open order can be canceled' } });
    const filled = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    expect(await orders.cancel(filled.clientOrderId)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await orders.cancel('sr-none')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('applies a late limit fill once, even when the venue reports it twice', async () => {
    const { db, orders } = await setup();
    const order = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 90 });
    expect(order.status).toBe('ACCEPTED');
    const fill = { fillId: `${order.clientOrderId}-1`, clientOrderId: order.clientOrderId, qty: 1, px: 90, fee: 0.09, ts: 5 };
    await orders.recordEvent(order.clientOrderId, { kind: 'filled', fill });
    await orders.recordEvent(order.clientOrderId, { kind: 'filled', fill });
    expect(await listFills(db, { limit: 10 })).toHaveLength(1);
    expect((await listOrders(db, { limit: 10 }))[0]).toMatchObject({ status: 'FILLED', filledQty: 1, avgFillPx: 90 });
    expect(orders.position('b1', 'BTC/USDT').netQty).toBe(1);
  });
});

describe('orders on the instrument’s grid', () => {
  it('stores and sends an off-step quantity and off-tick price as the venue will fill them, so the order completes', async () => {
    const { db, orders } = await setup();
    const market = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1.23456 });
    expect(market).toMatchObject({ qty: 1.2345, filledQty: 1.2345, status: 'FILLED' });
    const limit = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.5, price: 90.004 });
    expect(limit).toMatchObject({ price: 90, status: 'ACCEPTED' });
    expect((await findOrder(db, limit.clientOrderId))?.price).toBe(90);
  });

  it('leaves a quantity under one step as asked, for the venue to refuse with its reason', async () => {
    const { orders } = await setup();
    expect(await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.00001 })).toMatchObject({ qty: 0.00001, status: 'REJECTED', rejectReason: expect.stringContaining('below the smallest step') });
  });
});

describe('reduce-only orders', () => {
  it('count the closes already at a remote venue: a second close of the same holding is refused, not sent', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'reduce-only.sqlite'));
    await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
    const venue = new ScriptedVenue();
    const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus(() => undefined), clock: manualClock(), logger: silentLogger });
    const opening = orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1, clientOrderId: 'sr-open' });
    await new Promise((resolve) => setImmediate(resolve));
    venue.answerSubmit('sr-open', ok({ venueOrderId: 'v-0', fills: [{ fillId: 'f-0', clientOrderId: 'sr-open', qty: 1, px: 100, fee: 0, ts: 1 }] }));
    await opening;

    // A stop-loss close is at the venue, unanswered; the trader clicks "Close position" meanwhile.
    const stop = orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'SELL', type: 'MARKET', qty: 1, reduceOnly: true, clientOrderId: 'sr-stop' });
    await new Promise((resolve) => setImmediate(resolve));
    const second = await orders.place({ botId: 'b1', symbol: 'BTC/USDT', side: 'SELL', type: 'MARKET', qty: 1, reduceOnly: true });
    expect(second).toMatchObject({ status: 'REJECTED', rejectReason: 'Reduce-only: SELL 1 BTC/USDT is more than the 0 left to close (1 is already being closed by orders at the venue)' });
    expect(venue.submitted.map((o) => o.clientOrderId)).toEqual(['sr-open', 'sr-stop']);

    venue.answerSubmit('sr-stop', ok({ venueOrderId: 'v-1', fills: [{ fillId: 'f-1', clientOrderId: 'sr-stop', qty: 1, px: 99, fee: 0, ts: 2 }] }));
    await stop;
    expect(orders.position('b1', 'BTC/USDT').netQty).toBe(0);
    await close();
  });
});
