import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../../shared/domain/position.ts';
import { formatMoney, roundMoney } from '../../format.ts';
import { pnlOfPositions } from './bot-pnl.ts';

const position = (realizedPnl: number, unrealizedPnl: number): Position => ({ botId: 'b', symbol: 'BTC/USDT', side: 'LONG', qty: 1, avgPxOpen: 1, realizedPnl, unrealizedPnl, lastPx: 1, stopLoss: null, takeProfit: null, closeError: null, dust: false, exchangeStop: null, exchangeStopProblem: null });

describe('a bot’s P&L in its header', () => {
  it('equals the sum of what the positions table shows, cent for cent', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: -1e7, max: 1e7, noNaN: true })), { maxLength: 5 }), (values) => {
        const positions = values.map(([r, u]) => position(r, u));
        const shownCents = (pick: (p: Position) => number) => positions.reduce((sum, p) => sum + Math.round(Number(formatMoney(pick(p), '').replaceAll(',', '')) * 100), 0);
        const pnl = pnlOfPositions(positions);
        expect(Math.round(pnl.unrealized * 100)).toBe(shownCents((p) => p.unrealizedPnl));
        expect(Math.round(pnl.realized * 100)).toBe(shownCents((p) => p.realizedPnl));
      }),
    );
  });

  it('does not show 0.01 when two positions of 0.004 add up to 0.008 unshown', () => {
    expect(pnlOfPositions([position(0, 0.004), position(0, 0.004)]).unrealized).toBe(roundMoney(0));
  });
});
