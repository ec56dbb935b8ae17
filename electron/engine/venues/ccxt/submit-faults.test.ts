import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../venue.ts';
import { OutcomeUnknownError } from './submit-order.ts';
import type { FaultKind } from './testing/fake-binance/faults.ts';
import { fakeVenueForEachTest } from './testing/fake-per-test.ts';

const session = fakeVenueForEachTest();
const { open } = session;

const market = (clientOrderId: string): OrderRequest => ({ clientOrderId, symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.001, price: null });
const posts = () => session.fake().requests.filter((r) => r.endpoint === 'POST /api/v3/order');

describe('order submit under faults: never a duplicate, always the true final state', () => {
  it('a 429 refuses at once with the wait the exchange asked for (at least its rate limit), and sends nothing again', async () => {
    const { venue } = await open({ rateLimit: true });
    session.fake().fault({ kind: 'rate_limit', endpoint: 'POST /api/v3/order', times: 1, retryAfterSec: 3 });
    const reply = await venue.submit(market('sr-429'));
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', details: { retryAfterMs: 3000, rateLimited: true, exchangeCode: -1003 } } });
    expect(posts()).toHaveLength(1);
    expect(session.fake().book.orders).toHaveLength(0);
  });

  it('a 418 without Retry-After waits at least the declared rate limit', async () => {
    const { venue } = await open({ rateLimit: true });
    session.fake().fault({ kind: 'banned', endpoint: 'POST /api/v3/order', times: 1, retryAfterSec: 0 });
    const reply = await venue.submit(market('sr-418'));
    expect(reply.ok ? null : reply.error.details?.retryAfterMs).toBe(50);
  });

  it('a read that meets a 429 waits as long as asked, then succeeds', async () => {
    const { venue } = await open();
    session.fake().fault({ kind: 'rate_limit', endpoint: 'GET /api/v3/account', times: 1, retryAfterSec: 0.2 });
    expect((await venue.balances()).length).toBeGreaterThan(0);
    const [first, second] = session.fake().requests.filter((r) => r.endpoint === 'GET /api/v3/account');
    expect((second?.ts ?? 0) - (first?.ts ?? 0)).toBeGreaterThanOrEqual(200);
  });

  it('a 5xx before the order was stored: looked up, not found over the grace period, sent once more, placed once', async () => {
    const { venue } = await open();
    session.fake().fault({ kind: 'server_error', endpoint: 'POST /api/v3/order', times: 1 });
    const reply = await venue.submit(market('sr-5xx'));
    expect(reply.ok).toBe(true);
    expect(posts()).toHaveLength(2);
    expect(session.fake().requests.filter((r) => r.endpoint === 'GET /api/v3/order').length).toBeGreaterThanOrEqual(2);
    expect(session.fake().book.countByClientId('sr-5xx')).toBe(1);
  });

  it('a timeout after the exchange filled a market order: found by our id with its fills, never sent again', async () => {
    const { venue } = await open();
    session.fake().fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    const reply = await venue.submit(market('sr-to'));
    expect(reply.ok && reply.value.fills.map((f) => f.fillId)).toEqual(session.fake().book.trades.map((t) => String(t.id)));
    expect(posts()).toHaveLength(1);
    expect(session.fake().book.countByClientId('sr-to')).toBe(1);
  });

  it('a dropped connection before the exchange saw the order: sent once more, placed once', async () => {
    const { venue } = await open();
    session.fake().fault({ kind: 'drop', endpoint: 'POST /api/v3/order', times: 1 });
    expect((await venue.submit(market('sr-drop'))).ok).toBe(true);
    expect(session.fake().book.countByClientId('sr-drop')).toBe(1);
  });

  it('a dropped connection after the exchange stored a resting order: found, watched, never sent again', async () => {
    const { venue, events } = await open();
    session.fake().fault({ kind: 'drop_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    const reply = await venue.submit({ ...market('sr-drop2'), type: 'LIMIT', price: 49_000 });
    expect(reply.ok).toBe(true);
    expect(posts()).toHaveLength(1);
    session.fake().book.setPrice('BTCUSDT', 48_000);
    for (let i = 0; i < 100 && events.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(events).toMatchObject([{ kind: 'filled', fill: { clientOrderId: 'sr-drop2', qty: 0.001, px: 49_000 } }]);
  });

  it('when look-ups fail too, the outcome is unknown: it throws and never re-sends', async () => {
    const { venue } = await open();
    session.fake().fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    session.fake().fault({ kind: 'server_error', endpoint: 'GET /api/v3/order' });
    await expect(venue.submit(market('sr-unk'))).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(posts()).toHaveLength(1);
    session.fake().faults.clear();
    expect(await venue.fetchOrder({ clientOrderId: 'sr-unk', symbol: 'BTC/USDT' })).toMatchObject({ status: 'filled' });
  });

  it('when the one re-send is lost after the exchange took it, the order is found again: placed once', async () => {
    const { venue } = await open();
    session.fake().fault({ kind: 'drop', endpoint: 'POST /api/v3/order', times: 1 });
    session.fake().fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1 });
    expect((await venue.submit(market('sr-twice'))).ok).toBe(true);
    expect(posts()).toHaveLength(2);
    expect(session.fake().book.countByClientId('sr-twice')).toBe(1);
  });

  it('when the re-send never arrives either, it throws after two sends: nothing is placed, nothing sent a third time', async () => {
    const { venue } = await open();
    session.fake().fault({ kind: 'drop', endpoint: 'POST /api/v3/order', times: 2 });
    await expect(venue.submit(market('sr-never'))).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(posts()).toHaveLength(2);
    expect(session.fake().book.countByClientId('sr-never')).toBe(0);
  });

  it('an order already open under our id (an engine re-submit) is returned, not placed again', async () => {
    const { venue } = await open();
    const limit = { ...market('sr-again'), type: 'LIMIT' as const, price: 49_000 };
    expect((await venue.submit(limit)).ok).toBe(true);
    const again = await venue.submit(limit);
    expect(again.ok && again.value.venueOrderId).toBe(String(session.fake().book.byClientId('BTCUSDT', 'sr-again')?.orderId));
    expect(session.fake().book.countByClientId('sr-again')).toBe(1);
  });

  it('1,000 post-accept timeouts: 1,000 orders found by id, 0 duplicates', async () => {
    const { venue } = await open({ timeoutMs: 150 });
    session.fake().fault({ kind: 'timeout_after_accept', endpoint: 'POST /api/v3/order', times: 1000 });
    const ids = Array.from({ length: 1000 }, (_, i) => `sr-bulk-${i}`);
    for (let start = 0; start < ids.length; start += 100) {
      const replies = await Promise.all(ids.slice(start, start + 100).map((id) => venue.submit(market(id))));
      expect(replies.every((r) => r.ok)).toBe(true);
    }
    expect(posts()).toHaveLength(1000);
    expect(session.fake().book.orders).toHaveLength(1000);
    expect(ids.filter((id) => session.fake().book.countByClientId(id) !== 1)).toEqual([]);
  }, 60_000);

  it('random faults on every call: no order is ever placed twice, and every accepted order exists once', async () => {
    const { venue } = await open({ timeoutMs: 100 });
    const kinds: FaultKind[] = ['rate_limit', 'server_error', 'timeout_after_accept', 'drop', 'drop_after_accept'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 60; i += 1) session.fake().fault({ kind: kinds[Math.floor(random() * kinds.length)] as FaultKind, times: 1, retryAfterSec: 0 });
    const ids = Array.from({ length: 40 }, (_, i) => `sr-mix-${i}`);
    const outcomes = await Promise.all(ids.map((id) => venue.submit(market(id)).then((r) => (r.ok ? 'accepted' : r.error.code), () => 'unknown')));
    for (const [i, id] of ids.entries()) {
      const held = session.fake().book.countByClientId(id);
      expect(held).toBeLessThanOrEqual(1);
      if (outcomes[i] === 'accepted') expect(held).toBe(1);
      if (outcomes[i] === 'UNAVAILABLE') expect(held).toBe(0);
    }
  }, 30_000);
});
