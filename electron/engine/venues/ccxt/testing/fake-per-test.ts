import { afterEach, beforeEach } from 'vitest';
import { type FakeBinance, startFakeBinance } from './fake-binance/server.ts';
import { venueOnFake } from './venue-on-fake.ts';

/** A fresh fake Binance for each test, and `open` for a venue on it (rate limiter off unless asked), both closed after the test. */
export function fakeVenueForEachTest() {
  let fake: FakeBinance | undefined;
  let closeVenue: () => Promise<void> = async () => {};
  beforeEach(async () => {
    fake = await startFakeBinance();
  });
  afterEach(async () => {
    await closeVenue();
    closeVenue = async () => {};
    await fake?.close();
  });
  const current = (): FakeBinance => {
    if (!fake) throw new Error('The fake exchange starts before each test');
    return fake;
  };
  const open = async (options: Parameters<typeof venueOnFake>[1] = {}) => {
    const opened = await venueOnFake(current(), { rateLimit: false, ...options });
    closeVenue = () => opened.venue.close();
    return opened;
  };
  return { fake: current, open };
}
