import { describe, expect, it } from 'vitest';
import { delay } from '../../../../shared/delay.ts';
import type { VenueEvent } from '../venue.ts';
import { fakeVenueForEachTest } from './testing/fake-per-test.ts';

const session = fakeVenueForEachTest();
const { open } = session;

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i += 1) await delay(10);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};
const fillsOf = (events: VenueEvent[], id: string) => events.flatMap((e) => (e.kind === 'filled' && e.fill.clientOrderId === id ? [e.fill] : []));

describe('ccxt venue on the session.fake() Binance', () => {
  it('lists the markets as instruments with their tick, step and minimum value', async () => {
    const { venue } = await open();
    const btc = venue.instruments().find((i) => i.symbol === 'BTC/USDT');
    expect(btc).toEqual({ venue: 'binance-test', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5 });
    expect(venue.instruments().some((i) => i.symbol === 'LUNA/USDT')).toBe(false); // not trading
  });

  it('places a market order with our client id and returns its fills with the exchange trade ids', async () => {
    const { venue } = await open();
    session.fake().book.marketFillParts = 2;
    const placed = await venue.submit({ clientOrderId: 'sr-m1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.002, price: null });
    expect(placed.ok).toBe(true);
    if (!placed.ok) return;
    const trades = session.fake().book.trades.map((t) => String(t.id));
    expect(placed.value.fills.map((f) => f.fillId)).toEqual(trades);
    expect(placed.value.fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(0.002, 10);
    expect(placed.value.fills[0]).toMatchObject({ clientOrderId: 'sr-m1', px: 50_000, fee: 0.05 });
    expect(session.fake().book.byClientId('BTCUSDT', 'sr-m1')?.clientOrderId).toBe('sr-m1');
  });

  it('rounds the quantity down to the step and the price to the tick before sending', async () => {
    const { venue } = await open();
    const placed = await venue.submit({ clientOrderId: 'sr-r1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.0123456, price: 40_000.006 });
    expect(placed.ok).toBe(true);
    expect(session.fake().book.byClientId('BTCUSDT', 'sr-r1')).toMatchObject({ origQty: 0.01234, price: 40_000.01 });
  });

  it('refuses below-minimum orders with the numbers, without sending them', async () => {
    const { venue } = await open();
    const before = session.fake().requests.length;
    const small = await venue.submit({ clientOrderId: 'sr-s1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.0001, price: 40_000 });
    expect(small).toEqual({ ok: false, error: { code: 'REFUSED', message: "The order is worth 4 USDT, below Binance's minimum of 5 USDT for BTC/USDT" } });
    const dust = await venue.submit({ clientOrderId: 'sr-s2', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.000001, price: null });
    expect(dust.ok ? '' : dust.error.message).toMatch(/0.000001 BTC is smaller than Binance's quantity step 0.00001 BTC/);
    for (const qty of [Number.NaN, Number.POSITIVE_INFINITY, -1, 0]) {
      expect((await venue.submit({ clientOrderId: 'sr-s3', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty, price: null })).ok).toBe(false);
    }
    const few = await venue.submit({ clientOrderId: 'sr-s8', symbol: 'ETH/USDT', side: 'BUY', type: 'LIMIT', qty: 0.0005, price: 100_000 });
    expect(few.ok ? '' : few.error.message).toBe("0.0005 ETH is below Binance's minimum quantity of 0.001 ETH for ETH/USDT");
    const penny = await venue.submit({ clientOrderId: 'sr-s7', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 1, price: 1e-9 });
    expect(penny.ok ? '' : penny.error.message).toBe("The price 1e-9 USDT is below Binance's price step 0.01 USDT for BTC/USDT");
    const huge = await venue.submit({ clientOrderId: 'sr-s6', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1e20, price: null });
    expect(huge.ok ? '' : huge.error.message).toBe("100000000000000000000 BTC is above Binance's maximum quantity of 9000 BTC for BTC/USDT");
    expect((await venue.submit({ clientOrderId: 'sr-s4', symbol: 'LUNA/USDT', side: 'BUY', type: 'MARKET', qty: 100, price: null })).ok).toBe(false);
    expect((await venue.submit({ clientOrderId: 'sr-s5', symbol: 'DOGE/USDT', side: 'BUY', type: 'MARKET', qty: 100, price: null })).ok).toBe(false);
    expect(session.fake().requests.length).toBe(before);
  });

  it('says why the exchange refused an order, in its words', async () => {
    const { venue } = await open();
    const broke = await venue.submit({ clientOrderId: 'sr-b1', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 100, price: null });
    expect(broke).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Binance refused the order sr-b1: Account has insufficient balance for requested action.' } });
    expect(session.fake().book.orders).toHaveLength(0);
  });

  it('reports fills of a resting order as they happen, once each, then nothing more once filled', async () => {
    const { venue, events } = await open();
    const placed = await venue.submit({ clientOrderId: 'sr-l1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000 });
    expect(placed.ok && placed.value.fills).toEqual([]);
    session.fake().book.fillPartially('sr-l1', 0.004);
    await until(() => fillsOf(events, 'sr-l1').length === 1, 'the partial fill');
    session.fake().book.setPrice('BTCUSDT', 48_900);
    await until(() => fillsOf(events, 'sr-l1').length === 2, 'the rest');
    await delay(100); // several more polls
    const fills = fillsOf(events, 'sr-l1');
    expect(fills.map((f) => f.qty)).toEqual([0.004, 0.006]);
    expect(new Set(fills.map((f) => f.fillId)).size).toBe(2);
    expect(events.filter((e) => e.kind !== 'filled')).toEqual([]);
  });

  it('dedupes a trade the exchange lists twice', async () => {
    const { venue, events } = await open();
    await venue.submit({ clientOrderId: 'sr-d1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000 });
    session.fake().fault({ kind: 'duplicate_fill', endpoint: 'GET /api/v3/myTrades' });
    session.fake().book.fillPartially('sr-d1', 0.003);
    await until(() => fillsOf(events, 'sr-d1').length >= 1, 'the fill');
    session.fake().book.fillPartially('sr-d1', 0.002);
    await until(() => fillsOf(events, 'sr-d1').length >= 2, 'the second fill');
    await delay(100);
    expect(fillsOf(events, 'sr-d1').map((f) => f.qty)).toEqual([0.003, 0.002]);
  });

  it('cancels a partly filled order and reports what filled before the cancel', async () => {
    const { venue, events } = await open({ settings: { pollMs: 60_000 } });
    await venue.submit({ clientOrderId: 'sr-c1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000 });
    session.fake().book.fillPartially('sr-c1', 0.004);
    expect(await venue.cancel({ clientOrderId: 'sr-c1', symbol: 'BTC/USDT' })).toEqual({ ok: true, value: null });
    expect(fillsOf(events, 'sr-c1').map((f) => f.qty)).toEqual([0.004]);
    expect(events.some((e) => e.kind === 'canceled')).toBe(false); // the cancel reply says it
    expect(session.fake().book.byClientId('BTCUSDT', 'sr-c1')?.status).toBe('CANCELED');
    expect(session.fake().book.balance('USDT').locked).toBeCloseTo(0, 6);
  });

  it('refuses to cancel a filled order, saying so, and reports its fills', async () => {
    const { venue, events } = await open({ settings: { pollMs: 60_000 } });
    await venue.submit({ clientOrderId: 'sr-c2', symbol: 'BTC/USDT', side: 'SELL', type: 'LIMIT', qty: 0.01, price: 51_000 });
    session.fake().book.setPrice('BTCUSDT', 51_000);
    const reply = await venue.cancel({ clientOrderId: 'sr-c2', symbol: 'BTC/USDT' });
    expect(reply).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Binance did not cancel sr-c2: it is already filled' } });
    expect(fillsOf(events, 'sr-c2').map((f) => f.qty)).toEqual([0.01]);
  });

  it('a cancel that failed leaves the order watched: a later cancel by the exchange is still reported', async () => {
    const { venue, events } = await open();
    await venue.submit({ clientOrderId: 'sr-c3', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000 });
    session.fake().fault({ kind: 'server_error', endpoint: 'DELETE /api/v3/order', times: 4 });
    const reply = await venue.cancel({ clientOrderId: 'sr-c3', symbol: 'BTC/USDT' });
    expect(reply.ok ? null : reply.error.code).toBe('UNAVAILABLE');
    const order = session.fake().book.byClientId('BTCUSDT', 'sr-c3');
    expect(order?.status).toBe('NEW');
    if (order) session.fake().book.cancel(order);
    await until(() => events.some((e) => e.kind === 'canceled'), 'the cancel report');
    expect(events).toMatchObject([{ kind: 'canceled', clientOrderId: 'sr-c3', reason: 'Canceled at the exchange' }]);
  });

  it('reports a cancel and an expiry the exchange made on its own', async () => {
    const { venue, events } = await open();
    await venue.submit({ clientOrderId: 'sr-e1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000 });
    await venue.submit({ clientOrderId: 'sr-e2', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 48_000 });
    session.fake().book.expire('sr-e1');
    const order = session.fake().book.byClientId('BTCUSDT', 'sr-e2');
    if (order) session.fake().book.cancel(order);
    await until(() => events.length >= 2, 'both ends');
    expect(events.map((e) => [e.kind, 'clientOrderId' in e ? e.clientOrderId : null]).sort()).toEqual([['canceled', 'sr-e2'], ['expired', 'sr-e1']]);
  });

  it('looks orders up by our id, lists only our open orders, and our fills since a time', async () => {
    const { venue } = await open();
    expect(await venue.fetchOrder({ clientOrderId: 'sr-none', symbol: 'BTC/USDT' })).toBeNull();
    const t0 = Date.now();
    await venue.submit({ clientOrderId: 'sr-o1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000 });
    session.fake().book.place({ symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', quantity: 1, price: 2_000, clientOrderId: 'manual-by-trader' });
    session.fake().book.fillPartially('sr-o1', 0.002);
    await venue.submit({ clientOrderId: 'sr-o2', symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 0.1, price: null });
    session.fake().book.place({ symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: 0.1, price: null, clientOrderId: 'manual-2' });
    const open1 = await venue.openOrders();
    expect(open1.map((o) => [o.clientOrderId, o.status, o.fills.length])).toEqual([['sr-o1', 'open', 1]]);
    expect(await venue.fetchOrder({ clientOrderId: 'sr-o2', symbol: 'ETH/USDT' })).toMatchObject({ status: 'filled', qty: 0.1, type: 'MARKET', side: 'BUY' });
    const fills = await venue.fillsSince(t0, ['BTC/USDT', 'ETH/USDT']);
    expect(fills.map((f) => [f.clientOrderId, f.qty])).toEqual([['sr-o1', 0.002], ['sr-o2', 0.1]]);
    // Three days back: one request per day-long window (Binance's limit), still the same fills.
    expect(await venue.fillsSince(t0 - 3 * 86_400_000, ['BTC/USDT', 'ETH/USDT'])).toEqual(fills);
  });

  it('reads balances and (spot) positions', async () => {
    const { venue } = await open();
    const balances = await venue.balances();
    expect(balances.find((b) => b.currency === 'USDT')).toEqual({ currency: 'USDT', total: 1_000_000, free: 1_000_000 });
    expect(await venue.positions()).toEqual([]);
  });

  it('reports the link lost while polls fail and restored when they pass again', async () => {
    const { venue, events } = await open();
    await venue.submit({ clientOrderId: 'sr-n1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000 });
    session.fake().fault({ kind: 'server_error', endpoint: 'GET /api/v3/order', times: 6 });
    await until(() => events.some((e) => e.kind === 'connection' && e.state === 'restored'), 'restored');
    const links = events.flatMap((e) => (e.kind === 'connection' ? [e.state] : []));
    expect(links).toEqual(['lost', 'restored']);
  });

  it('stops polling when closed', async () => {
    const { venue } = await open();
    await venue.submit({ clientOrderId: 'sr-z1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.01, price: 49_000 });
    await venue.close();
    const seen = session.fake().requests.length;
    await delay(100);
    expect(session.fake().requests.length).toBe(seen);
  });
});
