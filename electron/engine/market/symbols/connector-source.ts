import type { ExchangeConnector } from '../../venues/exchange.ts';
import type { PublicDataSource } from './symbol-service.ts';

/**
 * Discovery on every exchange ccxt supports, through the connector's public data (no keys, no
 * sandbox). `options` are ccxt settings for every client, e.g. URLs pointing at a local fake.
 */
export function publicDataFromConnector(connector: ExchangeConnector, options: Record<string, unknown> = {}): PublicDataSource {
  return {
    exchanges: async () => (await connector.catalogue()).map((exchange) => exchange.id),
    // A caller's own options win key by key over the host's (e.g. a market source's `urls`).
    open: (exchangeId, config) => connector.publicData({ exchangeId, sandbox: config?.sandbox ?? false, options: { ...options, ...config?.options } }),
  };
}
