import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridOf, isHeldStop, isWanted, newHeldStopId, wantedStop } from './desired-stop.ts';

const BTC = { stepSize: 0.0001, tickSize: 0.01 };
const open = { status: 'ACCEPTED' as const, filledQty: 0 };

describe('the stop a position wants at its exchange', () => {
  it('is a sell stop for a long, a buy stop for a short, for the whole position at the level', () => {
    expect(wantedStop(0.5, 95)).toEqual({ side: 'SELL', qty: 0.5, triggerPrice: 95 });
    expect(wantedStop(-0.5, 105)).toEqual({ side: 'BUY', qty: 0.5, triggerPrice: 105 });
  });

  it('is none when flat, without a level, or with a level or size that is not a positive finite number', () => {
    for (const [held, level] of [[0, 95], [1, null], [1, 0], [1, -5], [1, Number.NaN], [Number.NaN, 95], [1, Number.POSITIVE_INFINITY]] as const) {
      expect(wantedStop(held, level)).toBeNull();
    }
  });

  it('matches an open stop compared on the venue’s grid, and no longer once a cancel is asked', () => {
    const wanted = wantedStop(0.12345, 95.004);
    if (!wanted) throw new Error('wanted');
    const onGrid = (w: typeof wanted) => gridOf(w, BTC);
    const stored = { ...open, side: 'SELL' as const, qty: 0.1234, triggerPrice: 95 };
    expect(isWanted(stored, wanted, onGrid)).toBe(true);
    expect(isWanted({ ...stored, status: 'PENDING_CANCEL' }, wanted, onGrid)).toBe(false);
    expect(isWanted({ ...stored, triggerPrice: 95.01 }, wanted, onGrid)).toBe(false);
    expect(isWanted({ ...stored, side: 'BUY' }, wanted, onGrid)).toBe(false);
    // Part filled: what is left must be the position now.
    expect(isWanted({ ...stored, qty: 0.2, filledQty: 0.0766 }, wanted, onGrid)).toBe(true);
  });

  it('keeps a tiny size or level that would round to nothing as asked, for the venue to refuse', () => {
    expect(gridOf({ side: 'SELL', qty: 1e-9, triggerPrice: 1e-9 }, BTC)).toEqual({ side: 'SELL', qty: 1e-9, triggerPrice: 1e-9 });
  });

  it('a stop on the grid always matches itself (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 100_000_000 }), fc.boolean(), (steps, ticks, long) => {
        const wanted = wantedStop((long ? 1 : -1) * steps * BTC.stepSize, ticks * BTC.tickSize);
        if (!wanted) throw new Error('wanted');
        const placed = gridOf(wanted, BTC);
        expect(isWanted({ ...open, ...placed }, wanted, (w) => gridOf(w, BTC))).toBe(true);
      }),
    );
  });

  it('tells its own stops from the trader’s by their id, within Binance’s 36 characters', () => {
    const id = newHeldStopId(Date.now());
    expect(id.length).toBeLessThanOrEqual(36);
    expect(isHeldStop({ clientOrderId: id, type: 'STOP' })).toBe(true);
    expect(isHeldStop({ clientOrderId: id, type: 'MARKET' })).toBe(false);
    expect(isHeldStop({ clientOrderId: 'sr-man-abc', type: 'STOP' })).toBe(false);
  });
});
