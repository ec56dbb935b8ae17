import type { EngineHealth } from '../../../shared/contract/engine.ts';
import type { EngineServices } from '../services.ts';

/** The health panel's view of the engine, read from the services as they are now. */
export async function engineHealth(engine: EngineServices): Promise<EngineHealth> {
  const market = await engine.marketSource.status();
  const exchangeStates = engine.exchangeVenues.states();
  const others = engine.venues.accounts().filter((id) => !exchangeStates.some((s) => s.accountId === id));
  const webhooks = engine.webhooks.status();
  return {
    feed: {
      source: market.active.kind === 'simulated' ? 'simulated' : market.active.exchangeId,
      connected: market.feed?.connected ?? true,
      failures: market.feed?.failures ?? 0,
      lastError: market.feed?.lastError ?? null,
      fallbackReason: market.fallbackReason,
    },
    venues: [...others.map((accountId) => ({ accountId, connected: true, problem: null, retryAt: null })), ...exchangeStates],
    reconciliation: engine.reconciliation.list().map(({ accountId, state, reason, mismatches }) => ({ accountId, state, reason, mismatches: mismatches.length })),
    webhooks: { listening: webhooks.listening, error: webhooks.error },
    storage: engine.storage.status,
    errors: { count: engine.recentErrors.errorCount(), recent: engine.recentErrors.recentErrors() },
  };
}
