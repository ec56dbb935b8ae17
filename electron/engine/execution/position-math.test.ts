import { describe, expect, it } from 'vitest';
import { applyFill, FLAT, type FillInput, type PositionState, unrealizedPnl } from './position-math.ts';

function run(fills: FillInput[]) {
  let pos: PositionState = FLAT;
  const closed = [];
  for (const fill of fills) {
    const result = applyFill(pos, fill);
    pos = result.next;
    if (result.closed) closed.push(result.closed);
  }
  return { pos, closed };
}

describe('position math (checked by hand)', () => {
  it('adds at the average price and realises net of fees', () => {
    // buy 1 @100 (fee 0.10), buy 1 @110 (fee 0.11): 2 @ 105
    // sell 1 @120 (fee 0.12): +15; sell 1 @90 (fee 0.09): -15; gross 0, fees 0.42 -> -0.42
    const { pos, closed } = run([
      { side: 'BUY', qty: 1, px: 100, fee: 0.1, ts: 1 },
      { side: 'BUY', qty: 1, px: 110, fee: 0.11, ts: 2 },
      { side: 'SELL', qty: 1, px: 120, fee: 0.12, ts: 3 },
      { side: 'SELL', qty: 1, px: 90, fee: 0.09, ts: 4 },
    ]);
    expect(pos.netQty).toBe(0);
    expect(pos.realizedPnl).toBe(-0.42);
    expect(closed).toEqual([{ side: 'LONG', qty: 2, avgPxOpen: 105, avgPxClose: 105, realizedPnl: -0.42, fees: 0.42, openedAt: 1, closedAt: 4 }]);
  });

  it('marks an open long and short to the last price', () => {
    const long = run([{ side: 'BUY', qty: 0.5, px: 200, fee: 0, ts: 1 }]).pos;
    expect(unrealizedPnl(long, 210)).toBe(5);
    const short = run([{ side: 'SELL', qty: 2, px: 50, fee: 0, ts: 1 }]).pos;
    expect(short.netQty).toBe(-2);
    expect(unrealizedPnl(short, 45)).toBe(10);
  });

  it('reverses through flat: closes the trip and opens the other side with the rest', () => {
    // long 1 @100; sell 3 @110 with fee 0.33: closes 1 (+10, fee 0.11), opens short 2 @110 (fee 0.22)
    const { pos, closed } = run([
      { side: 'BUY', qty: 1, px: 100, fee: 0, ts: 1 },
      { side: 'SELL', qty: 3, px: 110, fee: 0.33, ts: 2 },
    ]);
    expect(closed).toHaveLength(1);
    expect(closed[0]?.realizedPnl).toBe(9.89);
    expect(pos.netQty).toBe(-2);
    expect(pos.avgPxOpen).toBe(110);
    expect(pos.realizedPnl).toBe(9.67);
    expect(pos.tripFees).toBe(0.22);
  });

  it('keeps float noise out of the ledger', () => {
    const { pos } = run([
      { side: 'BUY', qty: 0.1, px: 0.3, fee: 0.00001, ts: 1 },
      { side: 'BUY', qty: 0.2, px: 0.1, fee: 0.00002, ts: 2 },
    ]);
    expect(pos.netQty).toBe(0.3);
    expect(pos.realizedPnl).toBe(-0.00003);
  });
});
