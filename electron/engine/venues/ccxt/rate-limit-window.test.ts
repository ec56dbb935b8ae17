import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { delay } from '../../../../shared/delay.ts';
import { type FakeBinance, startFakeBinance } from './testing/fake-binance/server.ts';
import { venueOnFake } from './testing/venue-on-fake.ts';

let fake: FakeBinance;
let closeVenue: () => Promise<void> = async () => {};
beforeEach(async () => {
  fake = await startFakeBinance();
});
afterEach(async () => {
  await closeVenue();
  await fake.close();
});

async function open() {
  const opened = await venueOnFake(fake, { rateLimit: false });
  closeVenue = () => opened.venue.close();
  return opened;
}

/** The promise's outcome, or 'still waiting' after `ms`: a call that waits out a ban of hours must not hold its caller. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), delay(ms).then(() => 'still waiting' as const)]);

describe('a 429/418 asking to wait for hours (Binance bans an IP that keeps asking)', () => {
  it('a cancel or a read answers at once that the exchange is limiting us, instead of waiting for hours', async () => {
    const { venue } = await open();
    fake.fault({ kind: 'rate_limit', endpoint: 'GET /api/v3/account', times: 1, retryAfterSec: 3 * 3600 });
    const read = await within(venue.balances(), 2_000);
    expect(read).toMatchObject({ error: { error: { code: 'UNAVAILABLE', details: { rateLimited: true, retryAfterMs: 3 * 3600 * 1000 } } } });
  });

  it('sends nothing more to the exchange until the Retry-After has passed: orders, polls and reads are refused here', async () => {
    const { venue } = await open();
    const placed = await venue.submit({ clientOrderId: 'sr-rl-1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: 0.001, price: 40_000 });
    expect(placed.ok).toBe(true);
    fake.fault({ kind: 'banned', endpoint: 'GET /api/v3/order', times: 1, retryAfterSec: 3600 });
    for (let i = 0; i < 200 && !fake.requests.some((r) => r.endpoint === 'GET /api/v3/order'); i += 1) await delay(5); // the poller meets the ban
    const seen = fake.requests.length;
    await delay(300); // fifteen polls' time at the venue's 20 ms pace
    const refused = await venue.submit({ clientOrderId: 'sr-rl-2', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.001, price: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', details: { rateLimited: true } } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/limiting our requests/);
    expect(fake.requests.slice(seen).map((r) => r.endpoint)).toEqual([]);
    expect(fake.book.countByClientId('sr-rl-2')).toBe(0);
  });
});
