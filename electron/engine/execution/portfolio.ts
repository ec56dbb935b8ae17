import type { Pnl, Position } from '../../../shared/domain/position.ts';
import type { OrderManager } from './order-manager.ts';
import { roundQuote } from './precision.ts';
import { unrealizedPnl } from './position-math.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import { orderSizeProblem } from '../risk/order-size.ts';
import type { Guard } from '../risk/protections.ts';

export type PriceSource = (symbol: string) => number | null;
export type LevelSource = (botId: string, symbol: string) => Guard | undefined;
/** A live position's stop at its exchange (risk/exchange-stops/), or null. */
export type ExchangeStopSource = (botId: string, symbol: string) => { status: 'held' | 'missing' | 'not_supported'; problem: string | null } | null;

/** Every bot's positions marked at the last price, with their stop-loss and take-profit. */
export function markedPositions(orders: OrderManager, lastPrice: PriceSource, levels: LevelSource, instruments: readonly Instrument[], botId?: string, exchangeStop?: ExchangeStopSource): Position[] {
  return orders
    .positionEntries()
    .filter((entry) => botId === undefined || entry.botId === botId)
    .map(({ botId: id, symbol, state }) => {
      const lastPx = lastPrice(symbol);
      const instrument = instruments.find((i) => i.symbol === symbol);
      const guard = levels(id, symbol);
      const held = state.netQty === 0 ? null : (exchangeStop?.(id, symbol) ?? null);
      return {
        botId: id,
        symbol,
        side: state.netQty > 0 ? 'LONG' : state.netQty < 0 ? 'SHORT' : 'FLAT',
        qty: Math.abs(state.netQty),
        avgPxOpen: state.avgPxOpen,
        realizedPnl: state.realizedPnl,
        unrealizedPnl: unrealizedPnl(state, lastPx),
        lastPx,
        stopLoss: guard?.stopLoss ?? null,
        takeProfit: guard?.takeProfit ?? null,
        closeError: guard?.closeError ?? null,
        ...(guard?.exits && { exits: guard.exits }),
        dust: state.netQty !== 0 && instrument !== undefined && orderSizeProblem(Math.abs(state.netQty), lastPx, instrument) !== null,
        exchangeStop: held?.status ?? null,
        exchangeStopProblem: held?.problem ?? null,
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
