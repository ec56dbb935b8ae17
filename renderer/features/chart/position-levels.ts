import type { Position } from '../../../shared/domain/position.ts';
import type { PriceLevel } from '../../charts/price-levels.ts';

/** A price the chart can place: a non-finite or non-positive level (a broken row) is left off rather than stretching the scale. */
const drawable = (price: number | null): price is number => price !== null && Number.isFinite(price) && price > 0;

/** The open positions' entry, stop-loss and take-profit in `symbol`, as labelled levels. */
export function positionLevels(positions: readonly Position[], symbol: string): PriceLevel[] {
  return positions
    .filter((p) => p.symbol === symbol && p.side !== 'FLAT' && p.qty !== 0)
    .flatMap((p) => {
      const side = p.side === 'LONG' ? 'Long' : 'Short';
      const levels: PriceLevel[] = [];
      if (drawable(p.avgPxOpen)) levels.push({ title: `${side} entry`, price: p.avgPxOpen, kind: 'entry' });
      if (drawable(p.stopLoss)) levels.push({ title: 'Stop-loss', price: p.stopLoss, kind: 'stop' });
      if (drawable(p.takeProfit)) levels.push({ title: 'Take-profit', price: p.takeProfit, kind: 'target' });
      return levels;
    });
}
