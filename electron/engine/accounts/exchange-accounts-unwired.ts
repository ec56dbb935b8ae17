import { fail } from '../../../shared/errors.ts';
import type { ExchangeConnector } from '../venues/exchange.ts';

const NOT_WIRED = 'Exchange connections are not available in this build; paper trading works';

/** The connector of a host that was given none: no exchange is listed, and each exchange call says why. */
export const unwiredExchanges: ExchangeConnector = {
  catalogue: async () => [],
  testConnection: async () => fail('UNAVAILABLE', NOT_WIRED),
  publicData: () => {
    throw new Error(NOT_WIRED);
  },
  openVenue: async () => fail('UNAVAILABLE', NOT_WIRED),
};
