import { implement } from '@orpc/server';
import { riskContract } from '../../../shared/contract/risk.ts';
import type { EngineServices } from '../services.ts';
import { entryBlocks } from '../risk/locks/entry-blocks.ts';
import { unwrap } from './errors.ts';

// No storage guard: the stop must engage (in memory at once) even when the disk is full.
const os = implement(riskContract).$context<{ engine: EngineServices }>();

/** The emergency stop: engage a level, lift it (the trader only), and its progress. */
export const riskRouter = os.router({
  emergencyStop: os.emergencyStop.handler(({ input, context: { engine } }) => engine.emergency.engage(input.level, input.source)),
  liftEmergencyStop: os.liftEmergencyStop.handler(({ input, context: { engine } }) => engine.emergency.lift(input.source)),
  status: os.status.handler(({ context: { engine } }) => engine.emergency.status()),
  limits: os.limits.handler(({ context: { engine } }) => engine.governor.limits()),
  setLimits: os.setLimits.handler(async ({ input, context: { engine } }) => unwrap(await engine.governor.setLimits(input.accountId, input.limits))),
  governor: os.governor.handler(({ context: { engine } }) => engine.governor.status()),
  liftDrawdownLock: os.liftDrawdownLock.handler(async ({ input, context: { engine } }) => unwrap(await engine.governor.liftDrawdown(input.accountId))),
  locks: os.locks.handler(({ input, context: { engine } }) => engine.locks.list(input?.accountId)),
  liftLock: os.liftLock.handler(async ({ input, context: { engine } }) => unwrap(await engine.locks.lift(input.id))),
  protections: os.protections.handler(({ input, context: { engine } }) => engine.locks.protections(input.accountId)),
  setProtections: os.setProtections.handler(async ({ input, context: { engine } }) => unwrap(await engine.locks.setProtections(input.accountId, input.config))),
  entryBlocks: os.entryBlocks.handler(async ({ context: { engine } }) => entryBlocks(await engine.bots.list(), engine.emergency.refusal(false), (accountId, symbol) => engine.locks.lockRefusal(accountId, symbol))),
});
