import { implement } from '@orpc/server';
import { optimizeContract } from '../../../shared/contract/optimize.ts';
import type { EngineServices } from '../services.ts';
import { unwrap } from './errors.ts';

const os = implement(optimizeContract).$context<{ engine: EngineServices }>();

/** Parameter searches on worker threads (a progress stream; closing it cancels) and alert replays. */
export const optimizeRouter = os.router({
  optimize: os.optimize.handler(async function* ({ input, context: { engine }, signal }) {
    // Checked before the first event: a wrong request is an error, not a stream that ends early.
    const plan = unwrap(await engine.optimizer.prepare(input));
    unwrap(yield* engine.optimizer.run(plan, signal));
  }),
  replay: os.replay.handler(async ({ input, context: { engine } }) => unwrap(await engine.replays.replay(input))),
});
