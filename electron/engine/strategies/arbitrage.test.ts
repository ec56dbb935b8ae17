import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArbitrageParamsSchema, roundTripCostPct } from '../../../shared/domain/strategy-params.ts';
import { type PairIntent, type PairPositions, SpreadArbitrage } from './arbitrage.ts';
import { bar } from './testing.ts';

const params = (overrides: Partial<Record<string, number>> = {}) => ArbitrageParamsSchema.parse({ kind: 'arbitrage', entrySpreadPct: 0.1, exitSpreadPct: 0.05, feeBpsA: 10, feeBpsB: 10, slippageBps: 0, ...overrides });

const FLAT_LEGS: PairPositions = { a: { qty: 0, avgPx: 0 }, b: { qty: 0, avgPx: 0 } };
const legsOf = (intent: PairIntent): PairPositions => {
  const qty = (target: string) => (target === 'long' ? 1 : target === 'short' ? -1 : 0);
  return { a: { qty: qty(intent.a.target), avgPx: 0 }, b: { qty: qty(intent.b.target), avgPx: 0 } };
};

/** Feeds aligned closes, holding what a bot would hold if both legs filled at once; `a/b` targets per bar. */
function run(strategy: SpreadArbitrage, closesA: readonly number[], closesB: readonly number[]): (string | null)[] {
  let positions = FLAT_LEGS;
  return closesA.map((closeA, i) => {
    const intent = strategy.onBars(bar(closeA, {}, i), bar(closesB[i]!, {}, i), positions);
    if (intent) positions = legsOf(intent);
    return intent && `${intent.a.target}/${intent.b.target}`;
  });
}

describe('cross-venue arbitrage signals', () => {
  it('enters beyond the entry spread plus costs, holds, exits under the exit spread, and reverses on a wide opposite gap', () => {
    // Costs 2 x 10 + 2 x 10 bps = 0.4 %; entry 0.1 % net: the gap must exceed 0.5 %. Exit below 0.05 %.
    const a = [100, 100, 100, 100, 100, 100, 100, 100];
    // Spreads (%): 0.3 no; 0.6 buy A / sell B; 0.4 hold; 0.04 close; -0.8 sell A / buy B; -0.3 hold; 0.7 reverse; 0.2 hold.
    const b = [100.3, 100.6, 100.4, 100.04, 99.2, 99.7, 100.7, 100.2];
    expect(run(new SpreadArbitrage(params()), a, b)).toEqual([null, 'long/short', null, 'flat/flat', 'short/long', null, 'long/short', null]);
  });

  it('does not trade a spread that the fees eat: 0.3 % is worth it at no fee, not at 10 bps a fill', () => {
    const a = [200, 200];
    const b = [200.6, 200.6]; // 0.3 %
    expect(run(new SpreadArbitrage(params({ feeBpsA: 0, feeBpsB: 0 })), a, b)[0]).toBe('long/short');
    expect(run(new SpreadArbitrage(params()), a, b)).toEqual([null, null]);
    // Slippage counts on all four fills: 0.3 % less 4 x 5 bps is 0.1 %, not above the 0.1 % entry.
    expect(run(new SpreadArbitrage(params({ feeBpsA: 0, feeBpsB: 0, slippageBps: 5 })), a, b)).toEqual([null, null]);
  });

  it('closes both legs when they do not hedge each other (one leg missing or both on one side)', () => {
    const strategy = new SpreadArbitrage(params());
    const quiet = bar(100, {}, 0);
    for (const [qa, qb] of [[1, 0], [0, -1], [1, 1], [-1, -1]] as const) {
      const legs = { a: { qty: qa, avgPx: 100 }, b: { qty: qb, avgPx: 100 } };
      expect(strategy.onBars(quiet, quiet, legs)).toEqual({ a: { target: 'flat' }, b: { target: 'flat' } });
    }
  });

  it('gives no signal for bars of different times or prices that are not positive numbers', () => {
    const strategy = new SpreadArbitrage(params());
    expect(strategy.onBars(bar(100, {}, 0), bar(110, {}, 60_000), FLAT_LEGS)).toBeNull();
    for (const bad of [Number.NaN, 0, -1, Number.POSITIVE_INFINITY]) {
      expect(strategy.onBars(bar(bad, {}, 0), bar(110, {}, 0), FLAT_LEGS)).toBeNull();
      expect(strategy.onBars(bar(110, {}, 0), bar(bad, {}, 0), FLAT_LEGS)).toBeNull();
    }
  });

  it('never enters unless the gap beats the costs and the entry spread, whatever the prices', () => {
    const price = fc.double({ min: 1e-6, max: 1e9, noNaN: true });
    const fees = fc.record({ feeBpsA: fc.double({ min: 0, max: 50, noNaN: true }), feeBpsB: fc.double({ min: 0, max: 50, noNaN: true }), slippageBps: fc.double({ min: 0, max: 20, noNaN: true }), entrySpreadPct: fc.double({ min: 0, max: 5, noNaN: true }) });
    fc.assert(
      fc.property(price, price, fees, (pa, pb, f) => {
        const p = { ...params(), ...f, exitSpreadPct: 0 };
        const intent = new SpreadArbitrage(p).onBars(bar(pa), bar(pb), FLAT_LEGS);
        if (intent === null) return;
        const spread = ((pb - pa) / pa) * 100;
        expect(Math.abs(spread) - roundTripCostPct(p)).toBeGreaterThan(p.entrySpreadPct);
        // Always the cheap venue bought.
        expect(intent.a.target).toBe(pa < pb ? 'long' : 'short');
      }),
    );
  });

  it('refuses an exit spread at or above the entry spread plus costs', () => {
    const result = ArbitrageParamsSchema.safeParse({ kind: 'arbitrage', entrySpreadPct: 0.1, exitSpreadPct: 0.6, feeBpsA: 5, feeBpsB: 5, slippageBps: 0 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('exit spread must be below the entry spread plus costs');
  });
});
