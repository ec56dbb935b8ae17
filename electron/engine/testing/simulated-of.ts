import type { SimulatedMarket } from '../market/simulated-market.ts';
import type { EngineServices } from '../services.ts';

/** The simulated market a test drives by hand; a test whose engine follows an exchange has none to drive. */
export function simulatedOf(services: EngineServices): SimulatedMarket {
  if (!services.simulated) throw new Error('This engine follows an exchange live: there is no simulated market to drive');
  return services.simulated;
}
