import { recordingLogger } from '../../../testing/recording-logger.ts';
import type { Credentials } from '../../exchange.ts';
import type { VenueEvent } from '../../venue.ts';
import type { CcxtVenue, CcxtVenueSettings } from '../ccxt-venue.ts';
import { createCcxtConnector } from '../connector.ts';
import { fakeBinanceOptions } from './fake-binance/ccxt-options.ts';
import type { FakeBinance } from './fake-binance/server.ts';

/** Short timings so fault tests run in milliseconds: the logic is the same as with the defaults. */
export const FAST_SETTINGS: CcxtVenueSettings = {
  pollMs: 20,
  submit: { graceMs: 60, lookupIntervalMs: 15, minNotFound: 2 },
  retries: 3,
  backoffMs: 5,
};

/** A ccxt venue on the fake, through the connector as the engine opens one, with its events and log kept. */
export async function venueOnFake(fake: FakeBinance, options: { settings?: Partial<CcxtVenueSettings>; credentials?: Credentials; timeoutMs?: number; rateLimit?: boolean } = {}) {
  const logger = recordingLogger();
  const connector = createCcxtConnector({ logger, venueSettings: { ...FAST_SETTINGS, ...options.settings } });
  const ccxtOptions = await fakeBinanceOptions(fake.url, options.timeoutMs ?? 250);
  if (options.rateLimit === false) ccxtOptions.rateLimit = 1;
  const credentials = options.credentials ?? { apiKey: fake.keys.apiKey, secret: fake.keys.secret };
  const opened = await connector.openVenue({ accountId: 'binance-test', exchangeId: 'binance', sandbox: false, options: ccxtOptions }, credentials);
  if (!opened.ok) throw new Error(`venue did not open: ${opened.error.message}`);
  const venue = opened.value as CcxtVenue;
  const events: VenueEvent[] = [];
  venue.onEvent((event) => events.push(event));
  return { venue, events, logger, connector, ccxtOptions };
}
