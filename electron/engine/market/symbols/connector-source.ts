import type { ExchangeConnector } from '../../venues/exchange.ts';
import type { PublicDataSource } from './symbol-service.ts';

/**
 * Discovery on every exchange ccxt supports, through the connector's public data (no keys, no
 * sandbox). `options` are ccxt settings for every client, e.g. URLs pointing at a local fake.
 */
export function publicDataFromConnector(connector: ExchangeConnector, options: Record<string, unknown> = {}): PublicDataSource {
  return {
    exchanges: async () => (await connector.catalogue()).map((exchange) => exchange.id),
    open: (exchangeId) => connector.publicData({ exchangeId, sandbox: false, options }),
  };
}
