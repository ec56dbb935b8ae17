import { afterEach, beforeEach } from 'vitest';
import type { CcxtVenueSettings } from '../ccxt-venue.ts';
import { accountOnFake } from './account-on-fake.ts';
import { type FakeBinance, startFakeBinance } from './fake-binance/server.ts';

/** A fresh fake Binance for each test, and `account` for an account on it (venue, order manager, reconciler), all stopped after the test. */
export function fakeAccountForEachTest() {
  let fake: FakeBinance | undefined;
  const stops: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    fake = await startFakeBinance();
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await fake?.close();
  });
  const current = (): FakeBinance => {
    if (!fake) throw new Error('The fake exchange starts before each test');
    return fake;
  };
  const account = async (settings?: Partial<CcxtVenueSettings>) => {
    const opened = await accountOnFake(current(), settings);
    stops.push(opened.stop);
    return opened;
  };
  return { fake: current, account };
}
