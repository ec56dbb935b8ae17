import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { armPlan, targetQty } from './exit-plan.ts';
import { noExits } from './testing/exits-harness.ts';

const PEPE: Instrument = { venue: 'paper', symbol: 'PEPE/USDT', base: 'PEPE', quote: 'USDT', tickSize: 1e-8, stepSize: 1, minNotional: 5 };
const arm = (exits: Parameters<typeof armPlan>[0], entryPx: number, direction: 1 | -1) => armPlan(exits, { entryPx, direction, atr: null, instrument: PEPE, feeRate: 0, stopOverride: null });

describe('exit prices on a coin priced under a cent', () => {
  it('are put on the tick, and a distance under half a tick lands one tick away, never on the entry', () => {
    const exits = { ...noExits, stopLoss: { unit: 'percent' as const, value: 2 }, takeProfits: [{ at: { unit: 'percent' as const, value: 30 }, percent: 100 }] };
    expect(arm(exits, 1e-7, 1)).toMatchObject({ stopLoss: 9e-8, plan: { targets: [{ price: 1.3e-7 }] } });
    expect(arm(exits, 1e-7, -1)).toMatchObject({ stopLoss: 1.1e-7, plan: { targets: [{ price: 7e-8 }] } });
    expect(arm(exits, 5e-6, 1).stopLoss).toBe(4.9e-6);
  });
});

describe('a take-profit’s share', () => {
  it('is its part of what the ladder has not closed yet, so the last of a full ladder closes all', () => {
    const { plan } = arm({ ...noExits, takeProfits: [{ at: { unit: 'percent', value: 1 }, percent: 30 }, { at: { unit: 'percent', value: 2 }, percent: 70 }] }, 1, 1);
    expect(targetQty(plan, 0, 10)).toBe(3);
    plan.targets[0] = { ...plan.targets[0]!, filled: true };
    expect(targetQty(plan, 1, 7)).toBe(7);
  });
});
