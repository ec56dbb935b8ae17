import { describe, expect, it } from 'vitest';
import { applyFill, type ClosedTrip, FLAT, type FillInput, type PositionState, unrealizedPnl } from './position-math.ts';

function run(fills: FillInput[], start: PositionState = FLAT) {
  let pos = start;
  const closed: ClosedTrip[] = [];
  for (const fill of fills) {
    const result = applyFill(pos, fill);
    pos = result.next;
    if (result.closed) closed.push(result.closed);
  }
  return { pos, closed };
}

const buy = (qty: number, px: number, fee = 0, ts = 0): FillInput => ({ side: 'BUY', qty, px, fee, ts });
const sell = (qty: number, px: number, fee = 0, ts = 0): FillInput => ({ side: 'SELL', qty, px, fee, ts });
const FLAT_AFTER = (realizedPnl: number): PositionState => ({ ...FLAT, realizedPnl });

describe('position math (checked by hand)', () => {
  it('adds at the average price and realises net of fees', () => {
    // buy 1 @100 (fee 0.10), buy 1 @110 (fee 0.11): 2 @ 105
    // sell 1 @120 (fee 0.12): +15; sell 1 @90 (fee 0.09): -15; gross 0, fees 0.42 -> -0.42
    const { pos, closed } = run([buy(1, 100, 0.1, 1), buy(1, 110, 0.11, 2), sell(1, 120, 0.12, 3), sell(1, 90, 0.09, 4)]);
    expect(pos.netQty).toBe(0);
    expect(pos.realizedPnl).toBe(-0.42);
    expect(closed).toEqual([{ side: 'LONG', qty: 2, avgPxOpen: 105, avgPxClose: 105, realizedPnl: -0.42, fees: 0.42, openedAt: 1, closedAt: 4, entryOrderId: null }]);
  });

  it('pyramiding: the entry price is the average of every entry', () => {
    // entries 1@100 + 1@110 + 2@120 = 450 for 4 -> 112.5; exit 4 @130
    // gross (130 - 112.5) x 4 = 70; fees 0.10 + 0.11 + 0.24 + 0.52 = 0.97; P&L 69.03
    const { closed } = run([buy(1, 100, 0.1, 1), buy(1, 110, 0.11, 2), buy(2, 120, 0.24, 3), sell(4, 130, 0.52, 4)]);
    expect(closed).toEqual([{ side: 'LONG', qty: 4, avgPxOpen: 112.5, avgPxClose: 130, realizedPnl: 69.03, fees: 0.97, openedAt: 1, closedAt: 4, entryOrderId: null }]);
  });

  it('partial exits: no trade until flat, then the exit price is the average of every exit', () => {
    // long 2 @100; sell 0.5 @110 (+5), 0.5 @120 (+10), 1 @90 (-10): P&L 5
    // exits 55 + 60 + 90 = 205 for 2 -> 102.5; check (102.5 - 100) x 2 = 5
    const partial = run([buy(2, 100), sell(0.5, 110)]);
    expect(partial.closed).toEqual([]);
    expect(partial.pos).toMatchObject({ netQty: 1.5, avgPxOpen: 100, realizedPnl: 5, tripExitQty: 0.5 });
    const { closed } = run([sell(0.5, 120), sell(1, 90)], partial.pos);
    expect(closed).toMatchObject([{ side: 'LONG', qty: 2, avgPxOpen: 100, avgPxClose: 102.5, realizedPnl: 5 }]);
  });

  it('an add after a partial exit counts in the trip entry price (not the current average)', () => {
    // buy 1 @100; sell 0.5 @110: +5, holding 0.5 @100
    // buy 0.5 @120: holding 1 @110 (average cost); sell 1 @130: +20; P&L 25
    // trip entries 100 + 60 = 160 for 1.5 -> 106.666666666667; exits 55 + 130 = 185 for 1.5 -> 123.333333333333
    // check (123.333... - 106.666...) x 1.5 = 25 (the old code said entry 110: 20 != 25)
    const { pos, closed } = run([buy(1, 100, 0, 1), sell(0.5, 110, 0, 2), buy(0.5, 120, 0, 3), sell(1, 130, 0, 4)]);
    expect(pos).toEqual({ ...FLAT, realizedPnl: 25 });
    expect(closed).toEqual([{ side: 'LONG', qty: 1.5, avgPxOpen: 106.666666666667, avgPxClose: 123.333333333333, realizedPnl: 25, fees: 0, openedAt: 1, closedAt: 4, entryOrderId: null }]);
  });

  it('names the order that opened each trip: adds keep it, a reversal opens the next trip with its own', () => {
    const named = (fill: FillInput, orderId: string): FillInput => ({ ...fill, orderId });
    const { pos, closed } = run([named(buy(1, 100), 'a'), named(buy(1, 110), 'b'), named(sell(3, 120), 'c'), named(buy(1, 100), 'd')]);
    expect(closed.map((trip) => [trip.side, trip.entryOrderId])).toEqual([['LONG', 'a'], ['SHORT', 'c']]);
    expect(pos).toEqual(FLAT_AFTER(pos.realizedPnl));
  });

  it('reverses through flat: closes the trip and opens the other side with the rest, fee split pro rata', () => {
    // long 2 @100 (fee 0.20); sell 5 @90 (fee 0.45): 2/5 closes (fee 0.18, gross -20), 3/5 opens short 3 @90 (fee 0.27)
    // trip 1: -0.20 - 20 - 0.18 = -20.38, fees 0.38; position realised -20.38 - 0.27 = -20.65
    const reversed = run([buy(2, 100, 0.2, 1), sell(5, 90, 0.45, 2)]);
    expect(reversed.closed).toEqual([{ side: 'LONG', qty: 2, avgPxOpen: 100, avgPxClose: 90, realizedPnl: -20.38, fees: 0.38, openedAt: 1, closedAt: 2, entryOrderId: null }]);
    expect(reversed.pos).toEqual({
      ...FLAT,
      netQty: -3,
      avgPxOpen: 90,
      realizedPnl: -20.65,
      openedAt: 2,
      tripEntryQty: 3,
      tripEntryNotional: 270,
      tripEntries: 1,
      tripRealizedPnl: -0.27,
      tripFees: 0.27,
    });
    // buy 3 @80 (fee 0.24): short gains (90 - 80) x 3 = 30; trip 2: -0.27 + 30 - 0.24 = 29.49, fees 0.51
    const { pos, closed } = run([buy(3, 80, 0.24, 3)], reversed.pos);
    expect(closed).toEqual([{ side: 'SHORT', qty: 3, avgPxOpen: 90, avgPxClose: 80, realizedPnl: 29.49, fees: 0.51, openedAt: 2, closedAt: 3, entryOrderId: null }]);
    expect(pos.realizedPnl).toBe(9.11); // -20.38 + 29.49
  });

  it('counts entries per order, not per fill: later fills of one order add no entry', () => {
    const first = applyFill(FLAT, buy(0.25, 100), true).next;
    const pieces = [buy(0.25, 101), buy(0.5, 102)].reduce((pos, fill) => applyFill(pos, fill, false).next, first);
    expect([pieces.netQty, pieces.tripEntries]).toEqual([1, 1]);
    expect(applyFill(pieces, buy(1, 100), true).next.tripEntries).toBe(2);
  });

  it('a later fill of a reversing order that opens the new side counts as its first entry', () => {
    const long = applyFill(FLAT, buy(1, 100), true).next;
    const flat = applyFill(long, sell(1, 100), true).next; // the reversing order's first fill reaches flat
    const short = applyFill(flat, sell(1, 100), false).next; // its second fill opens the short
    expect([short.netQty, short.tripEntries]).toEqual([-1, 1]);
  });

  it('short trips average their entries and exits the same way', () => {
    // sell 1 @50, 1 @60: short 2 @55; buy 0.5 @40: +7.5; buy 1.5 @70: -22.5; P&L -15
    // exits 20 + 105 = 125 for 2 -> 62.5; check (55 - 62.5) x 2 = -15
    const { closed } = run([sell(1, 50), sell(1, 60), buy(0.5, 40), buy(1.5, 70)]);
    expect(closed).toEqual([{ side: 'SHORT', qty: 2, avgPxOpen: 55, avgPxClose: 62.5, realizedPnl: -15, fees: 0, openedAt: 0, closedAt: 0, entryOrderId: null }]);
  });

  it('a dust remainder of 1e-9 stays open, exact, and closes later into one trade', () => {
    // buy 1 @100; sell 0.999999999 @110: +9.99999999, 1e-9 left (1 - 0.999999999 in floats is 1.000000000028e-9)
    const partial = run([buy(1, 100, 0, 1), sell(0.999999999, 110, 0, 2)]);
    expect(partial.closed).toEqual([]);
    expect(partial.pos.netQty).toBe(1e-9);
    expect(partial.pos.realizedPnl).toBe(9.99999999);
    // sell 1e-9 @120: +2e-8 -> 10.00000001; exits 109.99999989 + 0.00000012 = 110.00000001 for 1
    const { pos, closed } = run([sell(1e-9, 120, 0, 3)], partial.pos);
    expect(pos).toEqual({ ...FLAT, realizedPnl: 10.00000001 });
    expect(closed).toEqual([{ side: 'LONG', qty: 1, avgPxOpen: 100, avgPxClose: 110.00000001, realizedPnl: 10.00000001, fees: 0, openedAt: 1, closedAt: 3, entryOrderId: null }]);
  });

  it('tiny fees: below the 8-decimal quote precision they round to zero, never to NaN', () => {
    // fee 1e-10 is under half a unit of the 8th decimal: 0. fee 3e-8 twice: 6e-8
    expect(run([buy(1, 100, 1e-10), sell(1, 100, 1e-10)]).closed[0]).toMatchObject({ realizedPnl: 0, fees: 0 });
    expect(run([buy(1, 100, 3e-8), sell(1, 100, 3e-8)]).closed[0]).toMatchObject({ realizedPnl: -6e-8, fees: 6e-8 });
    // a reversal splits a 1e-10 fee into 0 + 0, and a 1e-7 fee on 1 close / 3 total into 3e-8 + 7e-8
    const { pos, closed } = run([buy(1, 100), sell(3, 100, 1e-7)]);
    expect(closed[0]).toMatchObject({ fees: 3e-8, realizedPnl: -3e-8 });
    expect(pos).toMatchObject({ netQty: -2, tripFees: 7e-8, realizedPnl: -1e-7 });
  });

  it('keeps float noise out of the ledger', () => {
    const { pos } = run([buy(0.1, 0.3, 0.00001), buy(0.2, 0.1, 0.00002)]);
    expect(pos.netQty).toBe(0.3);
    expect(pos.realizedPnl).toBe(-0.00003);
    expect(pos.tripEntryNotional).toBe(0.05);
  });

  it('refuses a fill a venue should never send, instead of storing NaN', () => {
    for (const bad of [buy(Number.NaN, 100), buy(1, Number.POSITIVE_INFINITY), buy(-1, 100), buy(1, 0), buy(1, 100, -0.1), buy(1e-12, 100)]) {
      expect(() => applyFill(FLAT, bad)).toThrow(RangeError);
    }
  });

  it('marks an open long and short to the last price', () => {
    const long = run([buy(0.5, 200)]).pos;
    expect(unrealizedPnl(long, 210)).toBe(5);
    const short = run([sell(2, 50)]).pos;
    expect(short.netQty).toBe(-2);
    expect(unrealizedPnl(short, 45)).toBe(10);
  });
});
