import type { Pnl, Position } from '../../../shared/domain/position.ts';
import type { OrderManager } from './order-manager.ts';
import { roundQuote } from './precision.ts';
import { unrealizedPnl } from './position-math.ts';
import type { Levels } from '../risk/protections.ts';

export type PriceSource = (symbol: string) => number | null;
export type LevelSource = (botId: string, symbol: string) => Levels | undefined;

/** Every bot's positions marked at the last price, with their stop-loss and take-profit. */
export function markedPositions(orders: OrderManager, lastPrice: PriceSource, levels: LevelSource, botId?: string): Position[] {
  return orders
    .positionEntries()
    .filter((entry) => botId === undefined || entry.botId === botId)
    .map(({ botId: id, symbol, state }) => {
      const lastPx = lastPrice(symbol);
      return {
        botId: id,
        symbol,
        side: state.netQty > 0 ? 'LONG' : state.netQty < 0 ? 'SHORT' : 'FLAT',
        qty: Math.abs(state.netQty),
        avgPxOpen: state.avgPxOpen,
        realizedPnl: state.realizedPnl,
        unrealizedPnl: unrealizedPnl(state, lastPx),
        lastPx,
        stopLoss: levels(id, symbol)?.stopLoss ?? null,
        takeProfit: levels(id, symbol)?.takeProfit ?? null,
      };
    });
}

export function sumPnl(positions: readonly Position[]): Pnl {
  let realized = 0;
  let unrealized = 0;
  for (const p of positions) {
    realized += p.realizedPnl;
    unrealized += p.unrealizedPnl;
  }
  return { realized: roundQuote(realized), unrealized: roundQuote(unrealized) };
}
