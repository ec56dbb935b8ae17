import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundQuote } from './precision.ts';
import { applyFill, type ClosedTrip, FLAT, type FillInput, type PositionState } from './position-math.ts';

/** Fills as a venue sends them: quantities on a 0.001 step, prices on a 0.01 tick, a 0.1 % fee. */
const fill = fc
  .tuple(fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 10_000_000 }))
  .map(([side, steps, cents]): FillInput => {
    const qty = steps / 1000;
    const px = cents / 100;
    return { side, qty, px, fee: roundQuote(qty * px * 0.001), ts: 0 };
  });

function flattenAfter(fills: FillInput[]): { pos: PositionState; trips: ClosedTrip[] } {
  let pos = FLAT;
  const trips: ClosedTrip[] = [];
  const apply = (f: FillInput) => {
    const { next, closed } = applyFill(pos, f);
    pos = next;
    if (closed) trips.push(closed);
  };
  fills.forEach(apply);
  if (pos.netQty !== 0) apply({ side: pos.netQty > 0 ? 'SELL' : 'BUY', qty: Math.abs(pos.netQty), px: 100, fee: 0.01, ts: 0 });
  return { pos, trips };
}

describe('position math (property)', () => {
  it('every trade satisfies (exit - entry) x qty - fees = P&L, and the trades add up to the realised P&L', () => {
    fc.assert(
      fc.property(fc.array(fill, { minLength: 1, maxLength: 30 }), (fills) => {
        const { pos, trips } = flattenAfter(fills);
        expect(pos).toEqual({ ...FLAT, realizedPnl: pos.realizedPnl });
        let sum = 0;
        for (const trip of trips) {
          expect(trip.qty).toBeGreaterThan(0);
          expect(trip.avgPxOpen).toBeGreaterThan(0);
          expect(trip.avgPxClose).toBeGreaterThan(0);
          expect(trip.fees).toBeGreaterThanOrEqual(0);
          const direction = trip.side === 'LONG' ? 1 : -1;
          const implied = (trip.avgPxClose - trip.avgPxOpen) * trip.qty * direction - trip.fees;
          // Averages keep 15 significant digits, money 8 decimals: a few units of 1e-8 per fill.
          expect(Math.abs(implied - trip.realizedPnl)).toBeLessThanOrEqual(1e-7 * fills.length + 1e-12 * trip.qty * trip.avgPxClose);
          sum += trip.realizedPnl;
        }
        expect(Math.abs(sum - pos.realizedPnl)).toBeLessThanOrEqual(1e-8 * (trips.length + 1));
      }),
      { numRuns: 1000 },
    );
  });
});
