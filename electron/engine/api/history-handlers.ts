import { implement } from '@orpc/server';
import { historyContract, type BackfillProgress } from '../../../shared/contract/history.ts';
import type { EngineServices } from '../services.ts';
import { coalescingStream } from './coalescing-stream.ts';
import { unwrap } from './errors.ts';

const os = implement(historyContract).$context<{ engine: EngineServices }>();

const ended = (progress: BackfillProgress) => !['running', 'waiting'].includes(progress.state);

async function* untilEnded(backfills: EngineServices['history']['backfills'], id: string, signal: AbortSignal | undefined): AsyncGenerator<BackfillProgress, void, unknown> {
  // Subscribed before the current state is read: a backfill ending in between is still heard.
  const subscribe = (push: (p: BackfillProgress) => void) => {
    const unsubscribe = backfills.subscribe(id, push);
    const current = backfills.get(id);
    if (current.ok) push(current.value);
    return unsubscribe;
  };
  for await (const progress of coalescingStream(subscribe, () => 'progress', signal)) {
    yield progress;
    if (ended(progress)) return;
  }
}

/** Stored market history: series, CSV import, exchange backfills; the router's middlewares apply here too. */
export const historyRouter = os.router({
  series: os.series.handler(({ context: { engine } }) => engine.history.series()),
  import: os.import.handler(async ({ input, context: { engine } }) => unwrap(await engine.history.importCsv(input))),
  delete: os.delete.handler(async ({ input, context: { engine } }) => unwrap(await engine.history.delete(input))),
  backfill: os.backfill.handler(async ({ input, context: { engine } }) => unwrap(await engine.history.backfills.start(input))),
  backfills: os.backfills.handler(({ context: { engine } }) => engine.history.backfills.list()),
  progress: os.progress.handler(({ input, context: { engine }, signal }) => {
    const backfills = engine.history.backfills;
    // Checked before the stream opens, so an unknown id is refused as the call's answer.
    unwrap(backfills.get(input.id));
    return untilEnded(backfills, input.id, signal);
  }),
  cancel: os.cancel.handler(async ({ input, context: { engine } }) => unwrap(await engine.history.backfills.cancel(input.id))),
});
