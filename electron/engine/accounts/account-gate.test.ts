import { describe, expect, it } from 'vitest';
import { listFills } from '../persistence/ledger.repository.ts';
import { findOrder } from '../persistence/orders.repository.ts';
import type { OrderRequest, SubmitResult } from '../venues/venue.ts';
import { accountFixture } from './testing/account-fixture.ts';

/** Counts what reaches the venue, so a test can show a refused order never did. */
function spyOnSubmit(venue: { submit(request: OrderRequest): Promise<SubmitResult> }) {
  const seen: string[] = [];
  const submit = venue.submit.bind(venue);
  venue.submit = async (request) => {
    seen.push(request.clientOrderId);
    return submit(request);
  };
  return seen;
}

describe('paper account balances', () => {
  it('moves the balances by every fill and fee (hand-computed), a sell beyond the base held opening a short', async () => {
    const { venue, place, balance, paper } = await accountFixture();
    await place('BUY', 2); // 2 × 100 + 0.2 fee
    expect(await balance('USDT')).toMatchObject({ total: 9799.8 });
    expect(await balance('BTC')).toMatchObject({ total: 2 });
    venue.markPrice('BTC/USDT', 110);
    await place('SELL', 1); // + 110 − 0.11
    expect(await balance('USDT')).toMatchObject({ total: 9909.69 });
    await place('SELL', 3); // + 330 − 0.33: 1 sold from the base held, 2 short
    expect(await balance('BTC')).toMatchObject({ total: -2 });
    // The short holds back its proceeds plus 1x collateral at the mark: 2 × 2 × 110.
    expect(await paper()).toMatchObject({ equity: 10019.36, heldForShorts: 440, openOrders: 0 });
    expect(await balance('USDT')).toEqual({ currency: 'USDT', total: 10239.36, reserved: 440, free: 9799.36 });
  });

  it('keeps balances free of float noise and NaN after buying and selling tiny amounts', async () => {
    const { venue, place, balance } = await accountFixture({ takerFee: 0.001, makerFee: 0.001, slippageBps: 0 });
    venue.markPrice('BTC/USDT', 65_432.1);
    for (let i = 0; i < 3; i++) expect((await place('BUY', 0.04)).status).toBe('FILLED');
    for (let i = 0; i < 3; i++) expect((await place('SELL', 0.04)).status).toBe('FILLED');
    expect(await balance('BTC')).toMatchObject({ total: 0 });
    // Six fees of 0.04 × 65,432.1 × 0.001 = 2.617284, and not a trace of float noise.
    expect(await balance('USDT')).toMatchObject({ total: 9984.296296 });
  });
});

describe('refusing what the account cannot pay for', () => {
  it('refuses a 10,000 ETH market buy worth $20M with the numbers, and the venue never hears of it', async () => {
    const { db, venue, place, balance } = await accountFixture();
    const submitted = spyOnSubmit(venue);
    const order = await place('BUY', 10_000, { symbol: 'ETH/USDT' });
    // At the last price plus 1% headroom and the 0.1% taker fee: 10,000 × 2,020 × 1.001.
    expect(order).toMatchObject({ status: 'REJECTED', rejectReason: 'Needs 20,220,200.00 USDT; 10,000.00 USDT available' });
    expect(submitted).toEqual([]);
    expect(await findOrder(db, order.clientOrderId)).toMatchObject({ status: 'REJECTED' });
    expect(await listFills(db, { limit: 10 })).toEqual([]);
    expect(await balance('USDT')).toMatchObject({ total: 10_000, free: 10_000 });
  });

  it('refuses before a remote venue is called, with the order stored as REJECTED', async () => {
    const { db, venue, place } = await accountFixture();
    Object.assign(venue, { inProcess: false });
    const submitted = spyOnSubmit(venue);
    const order = await place('BUY', 200);
    expect(order.status).toBe('REJECTED');
    expect(submitted).toEqual([]);
    expect((await findOrder(db, order.clientOrderId))?.rejectReason).toBe('Needs 20,220.20 USDT; 10,000.00 USDT available');
    expect((await place('BUY', 1)).status).toBe('FILLED');
    expect(submitted).toHaveLength(1);
  });

  it('reserves for a resting limit buy, counts it in the refusal, and frees it on cancel', async () => {
    const { orders, place, balance, paper } = await accountFixture();
    const resting = await place('BUY', 10, { type: 'LIMIT', price: 90 });
    expect(resting.status).toBe('ACCEPTED');
    // 10 × 90 × 1.001 held back for the resting order.
    expect(await balance('USDT')).toEqual({ currency: 'USDT', total: 10_000, reserved: 900.9, free: 9099.1 });
    expect(await paper()).toMatchObject({ openOrders: 1, reservedByOrders: 900.9 });
    const refused = await place('BUY', 91);
    expect(refused.rejectReason).toBe('Needs 9,200.19 USDT; 9,099.10 USDT available (900.90 USDT reserved by 1 open order)');
    expect((await orders.cancel(resting.clientOrderId)).ok).toBe(true);
    expect(await balance('USDT')).toEqual({ currency: 'USDT', total: 10_000, reserved: 0, free: 10_000 });
    expect((await place('BUY', 91)).status).toBe('FILLED');
  });

  it('turns a reservation into balances when the resting order fills', async () => {
    const { venue, place, balance } = await accountFixture();
    await place('BUY', 10, { type: 'LIMIT', price: 90 });
    venue.markPrice('BTC/USDT', 89);
    // The late fill is applied off the price callback; 900 + 0.9 maker fee leave the account.
    await expect.poll(() => balance('USDT')).toEqual({ currency: 'USDT', total: 9099.1, reserved: 0, free: 9099.1 });
    expect(await balance('BTC')).toMatchObject({ total: 10 });
  });

  it('asks collateral for a short and says what the shorts hold back', async () => {
    const { place } = await accountFixture({ takerFee: 0, makerFee: 0, slippageBps: 0 });
    expect((await place('SELL', 60)).status).toBe('FILLED');
    // Quote 16,000, of which 2 × 60 × 100 is held against the short: 4,000 free; 40 more at 101 need 4,040.
    expect((await place('SELL', 40)).rejectReason).toBe('Selling 40 BTC short needs 1x collateral. Needs 4,040.00 USDT; 4,000.00 USDT available (12,000.00 USDT held against short positions)');
    expect((await place('SELL', 39)).status).toBe('FILLED');
  });

  it('never refuses an order that only reduces the bot’s position, even with no money left', async () => {
    const { db, place, balance } = await accountFixture();
    await place('BUY', 50);
    const broke = () => db.updateTable('accountBalances').set({ total: -1_000 }).where('currency', '=', 'USDT').execute();
    await broke();
    expect((await place('BUY', 1)).status).toBe('REJECTED');
    expect((await place('SELL', 20, { type: 'LIMIT', price: 150 })).status).toBe('ACCEPTED');
    expect((await place('SELL', 30)).status).toBe('FILLED');
    await broke();
    // With 20 already on offer, 30 more would sell beyond the position: that one is a new short.
    expect((await place('SELL', 1)).status).toBe('REJECTED');
    expect(await balance('BTC')).toMatchObject({ total: 20, reserved: 20, free: 0 });
  });

  it('states huge needs in plain numbers, and lets a tiny order through to the venue’s own rules', async () => {
    const { place } = await accountFixture();
    expect((await place('BUY', 1e12)).rejectReason).toBe('Needs 101,101,000,000,000.00 USDT; 10,000.00 USDT available');
    expect(await place('BUY', 1e-9)).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('below the smallest step') });
  });

  it('applies a fill once per fill id, whoever repeats it', async () => {
    const { orders, gate, db, place, balance } = await accountFixture();
    const order = await place('BUY', 10, { type: 'LIMIT', price: 90 });
    const fill = { fillId: `${order.clientOrderId}-1`, clientOrderId: order.clientOrderId, qty: 10, px: 90, fee: 0.9, ts: 1 };
    await orders.recordEvent(order.clientOrderId, { kind: 'filled', fill });
    await orders.recordEvent(order.clientOrderId, { kind: 'filled', fill });
    await db.transaction().execute((trx) => gate.applyFill(trx, order, fill));
    expect(await balance('USDT')).toMatchObject({ total: 9099.1 });
  });
});

describe('a fill and its balance change are one', () => {
  it('stores neither the order, the fill nor a balance change when writing the account fails', async () => {
    const { db, place, balance } = await accountFixture();
    await db.schema.dropTable('account_equity').execute(); // the last write of a fill now fails
    await expect(place('BUY', 1)).rejects.toThrow();
    expect(await db.selectFrom('orders').selectAll().execute()).toEqual([]);
    expect(await listFills(db, { limit: 10 })).toEqual([]);
    expect(await db.selectFrom('accountEntries').selectAll().execute()).toEqual([]);
    expect(await balance('USDT')).toMatchObject({ total: 10_000 });
  });
});
