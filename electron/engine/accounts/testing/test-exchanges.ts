import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { Credentials, ExchangeAccountConfig, ExchangeConnector, ExchangeInfo, PublicMarketData } from '../../venues/exchange.ts';
import type { Venue, VenueBalance } from '../../venues/venue.ts';

// No test-runner import here: the e2e host process uses this connector too.

/** The fake key the leak checks search for, byte for byte, after it went through the whole flow. */
export const FAKE_KEY = 'AKIAFAKEKEY-1234567890-LEAKCHECK';
export const FAKE_SECRET = 'fake-secret-9f8e7d6c5b4a-LEAKCHECK';
export const FAKE_PASSPHRASE = 'fake-passphrase-LEAKCHECK';

export const CATALOGUE: ExchangeInfo[] = [
  { id: 'binance', name: 'Binance', credentials: ['apiKey', 'secret'], hasSandbox: true },
  { id: 'okx', name: 'OKX', credentials: ['apiKey', 'secret', 'password'], hasSandbox: true },
  { id: 'bitstamp', name: 'Bitstamp', credentials: ['apiKey', 'secret', 'uid'], hasSandbox: false },
];

/**
 * An exchange connector that answers from memory: keys whose apiKey starts with `bad` are refused
 * with an error that echoes the key (as some exchanges do), anything else connects.
 */
export class TestExchanges implements ExchangeConnector {
  readonly tested: { config: ExchangeAccountConfig; credentials: Credentials }[] = [];

  async catalogue(): Promise<ExchangeInfo[]> {
    return CATALOGUE;
  }

  async testConnection(config: ExchangeAccountConfig, credentials: Credentials): Promise<Result<{ markets: number; balances: VenueBalance[] }>> {
    this.tested.push({ config, credentials });
    if (credentials.apiKey?.startsWith('bad')) {
      return fail('REFUSED', `${config.exchangeId} {"code":-2015,"msg":"Invalid API-key ${credentials.apiKey}, IP, or permissions for action."}`, undefined, { auth: true, echoed: credentials.apiKey });
    }
    return ok({ markets: 1234, balances: [{ currency: 'USDT', total: 150.5, free: 100.25 }] });
  }

  publicData(): PublicMarketData {
    throw new Error('not used by these tests');
  }

  async openVenue(): Promise<Result<Venue>> {
    return fail('UNAVAILABLE', 'not used by these tests');
  }
}
