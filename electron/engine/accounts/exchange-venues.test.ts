import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { Reconciler } from '../execution/reconciliation/reconciler.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { ScriptedVenue } from '../testing/scripted-venue.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import type { Credentials, ExchangeAccountConfig } from '../venues/exchange.ts';
import type { Venue } from '../venues/venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import type { ExchangeAccountChange } from './exchange-accounts.service.ts';
import { ExchangeVenues } from './exchange-venues.ts';

/** The accounts as the service would answer for them, and the changes it would announce. */
function accountsOf(ids: string[]) {
  const listeners: ((change: ExchangeAccountChange) => void)[] = [];
  const present = new Set(ids);
  return {
    present,
    announce: (change: ExchangeAccountChange) => listeners.forEach((listener) => listener(change)),
    list: async () => [...present].map((id) => ({ id })) as never,
    config: async (id: string): Promise<Result<ExchangeAccountConfig>> => (present.has(id) ? ok({ accountId: id, exchangeId: 'binance', sandbox: false, options: {} }) : fail('NOT_FOUND', `No exchange account ${id}`)),
    credentials: async (id: string): Promise<Result<Credentials>> => (id === 'locked' ? fail('UNAVAILABLE', 'No usable keychain: the keyring is locked') : ok({ apiKey: `key-${id}`, secret: 's' })),
    onChange: (listener: (change: ExchangeAccountChange) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
  };
}

/** A connector whose answers the test scripts per account: a venue, a refusal of the keys, or an outage. */
function connectorOf(answers: Map<string, 'open' | 'auth' | 'down'>) {
  const opened: ScriptedVenue[] = [];
  return {
    opened,
    openVenue: async (config: ExchangeAccountConfig): Promise<Result<Venue>> => {
      const answer = answers.get(config.accountId) ?? 'open';
      if (answer === 'auth') return fail('REFUSED', 'Invalid API-key, IP, or permissions for action', undefined, { auth: true });
      if (answer === 'down') return fail('UNAVAILABLE', 'binance is unreachable: connect ETIMEDOUT');
      const venue = new ScriptedVenue(config.accountId);
      opened.push(venue);
      return ok(venue);
    },
  };
}

async function setup(ids: string[], answers = new Map<string, 'open' | 'auth' | 'down'>()) {
  const { db } = await openDatabase(join(tempDir(), 'venues.sqlite'));
  const venues = new VenueRegistry();
  const orders = new OrderManager({ db, venues, bus: new EventBus(() => undefined), clock: manualClock(), logger: silentLogger });
  const reconciliation = new Reconciler({ db, clock: manualClock(), logger: silentLogger });
  const accounts = accountsOf(ids);
  const connector = connectorOf(answers);
  const refusedKeys: string[] = [];
  const exchangeVenues = new ExchangeVenues({
    accounts,
    connector,
    venues,
    reconciliation,
    orders,
    lastPrice: () => 100,
    logger: silentLogger,
    onAuthFailed: (accountId) => refusedKeys.push(accountId),
    retryFirstMs: 5,
    retryMaxMs: 20,
  });
  return { venues, reconciliation, accounts, connector, answers, refusedKeys, exchangeVenues };
}

describe('a venue for every exchange account', () => {
  it('opens each account’s venue at start and reconciles it, and says why one could not be opened', async () => {
    const { venues, reconciliation, exchangeVenues } = await setup(['main', 'locked']);
    await exchangeVenues.start();
    expect(venues.accounts()).toEqual(['main']);
    await reconciliation.ready('main');
    expect(reconciliation.admission('main')).toBeNull();
    expect(exchangeVenues.states().find((s) => s.accountId === 'locked')).toMatchObject({ connected: false, problem: 'No usable keychain: the keyring is locked' });
    await exchangeVenues.stop();
  });

  it('tries an unreachable exchange again with backoff until it answers', async () => {
    const { venues, exchangeVenues, answers } = await setup(['main'], new Map([['main', 'down']]));
    await exchangeVenues.start();
    expect(exchangeVenues.states()[0]).toMatchObject({ connected: false, problem: 'binance is unreachable: connect ETIMEDOUT' });
    expect(exchangeVenues.states()[0]?.retryAt).not.toBeNull();
    answers.set('main', 'open');
    await expect.poll(() => venues.accounts()).toEqual(['main']);
    expect(exchangeVenues.states()[0]).toMatchObject({ connected: true, problem: null });
    await exchangeVenues.stop();
  });

  it('does not retry refused keys: the account’s bots are paused instead', async () => {
    const { venues, exchangeVenues, refusedKeys } = await setup(['main'], new Map([['main', 'auth']]));
    await exchangeVenues.start();
    expect(refusedKeys).toEqual(['main']);
    expect(exchangeVenues.states()[0]).toMatchObject({ connected: false, retryAt: null });
    expect(venues.accounts()).toEqual([]);
    await exchangeVenues.stop();
  });

  it('pauses the bots when an open venue later reports its keys refused', async () => {
    const { exchangeVenues, connector, refusedKeys } = await setup(['main']);
    await exchangeVenues.start();
    connector.opened[0]?.report({ kind: 'connection', state: 'auth_failed', reason: 'API-key revoked', ts: 1 });
    expect(refusedKeys).toEqual(['main']);
    await exchangeVenues.stop();
  });

  it('reopens the venue when the account changes, and closes it when the account is removed', async () => {
    const { venues, accounts, connector, reconciliation, exchangeVenues } = await setup(['main']);
    await exchangeVenues.start();
    const first = venues.get('main');
    accounts.announce({ accountId: 'main', change: 'updated' });
    await expect.poll(() => venues.get('main') !== first && venues.get('main') !== undefined).toBe(true);
    expect(connector.opened).toHaveLength(2);
    accounts.present.delete('main');
    accounts.announce({ accountId: 'main', change: 'removed' });
    await expect.poll(() => venues.accounts()).toEqual([]);
    expect(reconciliation.status('main')).toBeNull();
    await exchangeVenues.stop();
  });

  it('ends with no venue when the account is changed twice and removed while its venue opens', async () => {
    const { venues, accounts, connector, exchangeVenues, reconciliation } = await setup(['main']);
    let release: () => void = () => undefined;
    const slowOpen = connector.openVenue;
    connector.openVenue = async (config) => {
      await new Promise<void>((resolve) => (release = resolve));
      return slowOpen(config);
    };
    const starting = exchangeVenues.start();
    await expect.poll(() => release !== undefined && connector.opened.length === 0).toBe(true);
    // Changed twice and then removed while the first open waits for the exchange.
    accounts.announce({ accountId: 'main', change: 'updated' });
    accounts.announce({ accountId: 'main', change: 'updated' });
    accounts.present.delete('main');
    accounts.announce({ accountId: 'main', change: 'removed' });
    release();
    await starting;
    await expect.poll(() => venues.accounts()).toEqual([]);
    expect(connector.opened).toHaveLength(1); // the reopenings found the account gone
    expect(reconciliation.status('main')).toBeNull();
    expect(exchangeVenues.states()).toEqual([]);
    await exchangeVenues.stop();
  });
});
