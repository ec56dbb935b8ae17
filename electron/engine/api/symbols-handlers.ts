import { implement } from '@orpc/server';
import { symbolsContract } from '../../../shared/contract/symbols.ts';
import type { EngineServices } from '../services.ts';
import { unwrap } from './errors.ts';

const os = implement(symbolsContract).$context<{ engine: EngineServices }>();

/** Symbol discovery and the enabled symbols per exchange; the router's middlewares (the storage guard) apply here too. */
export const symbolsRouter = os.router({
  exchanges: os.exchanges.handler(async ({ context: { engine } }) => [...(await engine.symbols.exchanges())]),
  discover: os.discover.handler(async ({ input: { exchangeId, filters, sort, offset, limit }, context: { engine } }) =>
    unwrap(await engine.symbols.discover(exchangeId, filters, sort, { offset, limit })),
  ),
  list: os.list.handler(({ input, context: { engine } }) => engine.symbols.list(input.exchangeId)),
  enable: os.enable.handler(async ({ input, context: { engine } }) => unwrap(await engine.symbols.enable(input.exchangeId, input.symbols, input.riskMultiplier))),
  disable: os.disable.handler(({ input, context: { engine } }) => engine.symbols.disable(input.exchangeId, input.symbols)),
  setRiskMultiplier: os.setRiskMultiplier.handler(async ({ input, context: { engine } }) =>
    unwrap(await engine.symbols.setRiskMultiplier(input.exchangeId, input.symbol, input.riskMultiplier)),
  ),
});
