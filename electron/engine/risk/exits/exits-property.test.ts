import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BotExits } from '../../../../shared/domain/bot-exits.ts';
import { BotExitsSchema } from '../../../../shared/domain/bot-exits.ts';
import { advance, armPlan } from './exit-plan.ts';
import { SOL, exitsHarness } from './testing/exits-harness.ts';

const percent = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const distance = fc.record({ unit: fc.constantFrom('percent' as const), value: percent(0.01, 30) });

/** Exits a trader could save: each part present or not, take-profit shares within 100 %. */
const exitsArb: fc.Arbitrary<BotExits> = fc
  .record({
    stopLoss: fc.option(distance, { nil: null }),
    takeProfits: fc.array(fc.record({ at: distance, percent: percent(0.001, 100) }), { maxLength: 4 }),
    trailing: fc.option(fc.record({ distance, activateAfterPercent: fc.option(percent(0.1, 10), { nil: null }) }), { nil: null }),
    breakEven: fc.option(fc.record({ after: fc.constant('profit' as const), percent: percent(0.1, 10) }), { nil: null }),
    atrPeriod: fc.constant(14),
  })
  .map((e) => {
    const sum = e.takeProfits.reduce((s, t) => s + t.percent, 0);
    return { ...e, takeProfits: sum > 100 ? e.takeProfits.map((t) => ({ ...t, percent: (t.percent * 100) / sum - 1e-9 })) : e.takeProfits };
  })
  .filter((e) => BotExitsSchema.safeParse(e).success);

const pathArb = fc.array(fc.double({ min: 50, max: 150, noNaN: true, noDefaultInfinity: true }).map((px) => Math.round(px * 100) / 100), { minLength: 1, maxLength: 20 });

describe('exits never take a position beyond flat', () => {
  it('whatever the exits and the price path: the position only shrinks towards zero, never flips', async () => {
    await fc.assert(
      fc.asyncProperty(exitsArb, fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'), fc.integer({ min: 60, max: 5000 }), pathArb, async (exits, side, thousandths, path) => {
        const h = await exitsHarness(exits);
        await h.enter(side, thousandths / 1000);
        const sign = side === 'BUY' ? 1 : -1;
        let last = Math.abs(h.held());
        for (const px of path) {
          await h.tick(px);
          const held = h.held();
          expect(held * sign).toBeGreaterThanOrEqual(0);
          expect(Math.abs(held)).toBeLessThanOrEqual(last);
          last = Math.abs(held);
        }
        const closed = (await h.closes()).reduce((sum, c) => sum + c.qty, 0);
        expect(closed).toBeLessThanOrEqual(thousandths / 1000 + 1e-9);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('the trailing stop and break-even only tighten the stop', () => {
  it('a long’s stop never falls and a short’s never rises, on any path', () => {
    fc.assert(
      fc.property(exitsArb, fc.constantFrom<1 | -1>(1, -1), pathArb, (exits, direction, path) => {
        const { plan, stopLoss } = armPlan(exits, { entryPx: 100, direction, atr: null, instrument: SOL, feeRate: 0.001, stopOverride: null });
        let stop = stopLoss;
        for (const px of path) {
          const next = advance(plan, stop, direction, px, SOL);
          if (stop !== null) expect(next !== null && (direction === 1 ? next >= stop : next <= stop)).toBe(true);
          stop = next;
        }
      }),
      { numRuns: 500 },
    );
  });
});
