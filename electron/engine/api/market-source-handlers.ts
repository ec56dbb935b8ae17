import { implement } from '@orpc/server';
import { contract } from '../../../shared/contract/index.ts';
import type { EngineServices } from '../services.ts';
import { unwrap } from './errors.ts';
import { storageGuard } from './storage-guard.ts';

// The same guard as the router's: oRPC drops the repeated leading middleware when the router is built.
const os = implement(contract).$context<{ engine: EngineServices }>().use(storageGuard);

/** The market source and speed procedures of `market.*`: a source change takes effect at the next start. */
export const marketSourceHandlers = {
  source: os.market.source.handler(({ context: { engine } }) => engine.marketSource.status()),
  setSource: os.market.setSource.handler(async ({ input, context: { engine } }) => unwrap(await engine.marketSource.setSource(input))),
  setSpeed: os.market.setSpeed.handler(async ({ input, context: { engine } }) => ({ candlesPerSecond: unwrap(await engine.marketSource.setSpeed(input.candlesPerSecond)) })),
};
