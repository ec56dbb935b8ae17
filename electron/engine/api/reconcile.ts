import { implement } from '@orpc/server';
import { reconcileContract } from '../../../shared/contract/reconcile.ts';
import type { EngineServices } from '../services.ts';
import { unwrap } from './errors.ts';
import { storageGuard } from './storage-guard.ts';

const os = implement(reconcileContract).$context<{ engine: EngineServices }>().use(storageGuard);

/** The Reconcile screen: each account's reconciliation, a run on request, and the trader's decisions. */
export const reconcileRouter = os.router({
  list: os.list.handler(({ context: { engine } }) => engine.reconciliation.list()),
  run: os.run.handler(async ({ input, context: { engine } }) => unwrap(await engine.reconciliation.reconcile(input.accountId, 'manual'))),
  resolve: os.resolve.handler(async ({ input, context: { engine } }) => unwrap(await engine.reconciliation.resolve(input))),
});
