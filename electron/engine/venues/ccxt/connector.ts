import { ok, type Result } from '../../../../shared/errors.ts';
import type { Logger } from '../../ports/logger.ts';
import type { Credentials, ExchangeAccountConfig, ExchangeConnector, ExchangeInfo, PublicMarketData } from '../exchange.ts';
import type { Venue, VenueBalance } from '../venue.ts';
import { readBalances } from './account-reads.ts';
import { buildExchange } from './build-exchange.ts';
import { type CcxtVenueSettings, CcxtVenue } from './ccxt-venue.ts';
import { ExchangeCalls } from './exchange-calls.ts';
import { loadCcxt } from './load-ccxt.ts';
import { CcxtPublicData } from './public-data.ts';

async function listExchanges(): Promise<ExchangeInfo[]> {
  const ccxt = await loadCcxt();
  return Object.entries(ccxt.exchanges as Record<string, new () => InstanceType<typeof ccxt.Exchange>>).map(([id, Ctor]) => {
    const exchange = new Ctor();
    const required = exchange.requiredCredentials as Record<string, boolean>;
    return { id, name: exchange.name ?? id, credentials: Object.keys(required).filter((k) => required[k] === true), hasSandbox: Boolean(exchange.urls.test) };
  });
}

/** The engine's access to exchanges through ccxt: the only place ccxt is imported (lazily). */
export function createCcxtConnector(deps: { logger: Logger; venueSettings?: Partial<CcxtVenueSettings> }): ExchangeConnector {
  let catalogue: Promise<ExchangeInfo[]> | null = null;

  /** Builds the account's client and loads its markets (retried: ccxt caches a failed load unless asked to reload). */
  async function connect(config: ExchangeAccountConfig, credentials: Credentials): Promise<Result<ExchangeCalls>> {
    const built = await buildExchange(config, credentials);
    if (!built.ok) return built;
    const calls = new ExchangeCalls({ exchange: built.value, credentials, logger: deps.logger, retries: deps.venueSettings?.retries, backoffMs: deps.venueSettings?.backoffMs });
    const markets = await calls.withRetry('the market list', (ex) => ex.loadMarkets(true));
    return markets.ok ? ok(calls) : { ok: false, error: markets.error };
  }

  return {
    catalogue: () => (catalogue ??= listExchanges()),

    async testConnection(config, credentials): Promise<Result<{ markets: number; balances: VenueBalance[] }>> {
      const calls = await connect(config, credentials);
      if (!calls.ok) return calls;
      const balances = await readBalances(calls.value);
      return balances.ok ? ok({ markets: Object.keys(calls.value.exchange.markets ?? {}).length, balances: balances.value }) : { ok: false, error: balances.error };
    },

    publicData: (config): PublicMarketData => new CcxtPublicData(config, deps.logger),

    async openVenue(config, credentials): Promise<Result<Venue>> {
      const calls = await connect(config, credentials);
      if (!calls.ok) return calls;
      return ok(new CcxtVenue({ accountId: config.accountId, exchange: calls.value.exchange, credentials, logger: deps.logger, settings: deps.venueSettings }));
    },
  };
}
