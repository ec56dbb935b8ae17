import { implement } from '@orpc/server';
import { riskContract } from '../../../shared/contract/risk.ts';
import type { EngineServices } from '../services.ts';
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
});
