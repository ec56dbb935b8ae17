import { implement } from '@orpc/server';
import { backtestContract } from '../../../shared/contract/backtest.ts';
import type { EngineServices } from '../services.ts';
import { unwrap } from './errors.ts';

const os = implement(backtestContract).$context<{ engine: EngineServices }>();

/** Saved backtests: run one over stored candles with a progress stream, list, read and delete them. */
export const backtestRouter = os.router({
  run: os.run.handler(async function* ({ input, context: { engine }, signal }) {
    // Checked before the first event: a wrong request is an error, not a stream that ends early.
    const prepared = unwrap(await engine.backtests.prepare(input));
    yield* engine.backtests.execute(prepared, signal);
  }),
  list: os.list.handler(({ context: { engine } }) => engine.backtests.list()),
  get: os.get.handler(async ({ input, context: { engine } }) => unwrap(await engine.backtests.get(input.id))),
  delete: os.delete.handler(async ({ input, context: { engine } }) => unwrap(await engine.backtests.remove(input.id))),
  candles: os.candles.handler(async ({ input, context: { engine } }) => unwrap(await engine.backtests.candles(input.id))),
});
