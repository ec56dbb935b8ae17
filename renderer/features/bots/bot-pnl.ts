import type { Pnl, Position } from '../../../shared/domain/position.ts';
import { roundMoney } from '../../format.ts';

/**
 * A bot's P&L as the sum of its positions' amounts as the positions table shows them (same marks,
 * same rounding), so the header and the table never disagree by a cent.
 */
export function pnlOfPositions(positions: readonly Position[]): Pnl {
  let realized = 0;
  let unrealized = 0;
  for (const p of positions) {
    realized += roundMoney(p.realizedPnl);
    unrealized += roundMoney(p.unrealizedPnl);
  }
  return { realized: roundMoney(realized), unrealized: roundMoney(unrealized) };
}
