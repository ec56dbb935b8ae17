import { implement } from '@orpc/server';
import { contract } from '../../../shared/contract/index.ts';
import { fail } from '../../../shared/errors.ts';
import type { EngineServices } from '../services.ts';
import { unwrap } from './errors.ts';
import { storageGuard } from './storage-guard.ts';

// The same guard as the router's: oRPC drops the repeated leading middleware when the router is built.
const os = implement(contract).$context<{ engine: EngineServices }>().use(storageGuard);

/** The accounts' venues as the trader sees them: what each trades, and whether it is connected. */
export const accountVenueHandlers = {
  instruments: os.accounts.instruments.handler(({ input, context: { engine } }) => {
    const venue = engine.venues.get(input.accountId);
    if (venue) return venue.instruments();
    const state = engine.exchangeVenues.states().find((s) => s.accountId === input.accountId);
    return unwrap(fail(state ? 'UNAVAILABLE' : 'NOT_FOUND', state ? `Account ${input.accountId} is not connected: ${state.problem ?? 'connecting'}` : `No account ${input.accountId}`));
  }),
  connections: os.accounts.connections.handler(({ context: { engine } }) => engine.exchangeVenues.states()),
};
