import { implement } from '@orpc/server';
import { exportContract } from '../../../shared/contract/export.ts';
import type { EngineServices } from '../services.ts';

const os = implement(exportContract).$context<{ engine: EngineServices }>();

/** CSV exports to a file chosen in the desktop's save dialog; closing the stream cancels one. */
export const exportRouter = os.router({
  save: os.save.handler(({ input, context: { engine }, signal }) => engine.exports.save(input, signal)),
});
