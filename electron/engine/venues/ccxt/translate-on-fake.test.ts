import { afterEach, describe, expect, it } from 'vitest';
import { type FakeBinance, startFakeBinance } from './testing/fake-binance/server.ts';
import { venueOnFake } from './testing/venue-on-fake.ts';
import { VenueCallError } from './venue-call-error.ts';

// Binance's codes as the real ccxt client meets them on a host that is not Binance's, where ccxt
// applies only its generic table: the translation must hold by code, whatever class ccxt chose.
let fake: FakeBinance | undefined;
let closeVenue: () => Promise<void> = async () => {};
afterEach(async () => {
  await closeVenue();
  await fake?.close();
});

async function open(clock?: () => number) {
  fake = await startFakeBinance(clock ? { now: clock } : {});
  const opened = await venueOnFake(fake, { rateLimit: false, settings: { retries: 0 } });
  closeVenue = () => opened.venue.close();
  return opened;
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof VenueCallError ? error.error : error));

describe('Binance codes through the real ccxt client', () => {
  it("-1021 (our clock is off the exchange's): temporary, not final", async () => {
    const { venue } = await open(() => Date.now() - 120_000);
    expect(await failureOf(venue.balances())).toMatchObject({ code: 'UNAVAILABLE', details: { exchangeCode: -1021 } });
  });

  it('-2015 after the keys had worked (ccxt calls it DDoSProtection): auth failure, reported once', async () => {
    const { venue, events } = await open();
    expect((await venue.balances()).length).toBeGreaterThan(0);
    if (fake) fake.keys.apiKey = 'revoked-on-the-exchange';
    expect(await failureOf(venue.balances())).toMatchObject({ code: 'REFUSED', details: { auth: true, exchangeCode: -2015 } });
    expect(await failureOf(venue.positions().then(() => venue.balances()))).toMatchObject({ details: { auth: true } });
    expect(events).toMatchObject([{ kind: 'connection', state: 'auth_failed' }]);
  });

  it('-2013 on a look-up is "no such order" (null), -2011 on a cancel is a refusal saying why', async () => {
    const { venue } = await open();
    expect(await venue.fetchOrder({ clientOrderId: 'sr-missing', symbol: 'BTC/USDT' })).toBeNull();
    expect(await venue.cancel({ clientOrderId: 'sr-missing', symbol: 'BTC/USDT' })).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Binance did not cancel sr-missing: the exchange has no such order' } });
  });
});
