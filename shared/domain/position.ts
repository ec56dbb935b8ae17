import { OrderSourceSchema } from './order.ts';
import { z } from 'zod';
import { PositionExitsSchema } from './bot-exits.ts';

export const PositionSideSchema = z.enum(['LONG', 'SHORT', 'FLAT']);
export type PositionSide = z.infer<typeof PositionSideSchema>;

export const PositionSchema = z.object({
  botId: z.string(),
  symbol: z.string(),
  side: PositionSideSchema,
  qty: z.number(),
  avgPxOpen: z.number(),
  /** Realised profit in quote currency since the bot first traded the symbol, net of fees. */
  realizedPnl: z.number(),
  /** Open profit at the last price, in quote currency. */
  unrealizedPnl: z.number(),
  lastPx: z.number().nullable(),
  /** Protective levels the engine watches on every tick, if any. */
  stopLoss: z.number().nullable(),
  takeProfit: z.number().nullable(),
  /** Why the last protective close failed (kept on the position, with its levels, until it is closed). */
  closeError: z.string().nullable(),
  /** The bot's exits the engine holds for the position: take-profit ladder, trailing stop, break-even (absent: none). */
  exits: PositionExitsSchema.optional(),
  /** Below the venue's minimum order at the last price: no order can close it. */
  dust: z.boolean(),
  /**
   * A live (exchange) position's stop-loss as a stop order at the exchange: held there, missing
   * (refused, canceled, not confirmed), or not supported by the venue; null when there is nothing to
   * hold (flat, no stop-loss, a paper account, whose stops the engine holds).
   */
  exchangeStop: z.enum(['held', 'missing', 'not_supported']).nullable(),
  /** Why the exchange stop is missing or not supported, in the trader's words. */
  exchangeStopProblem: z.string().nullable(),
});
export type Position = z.infer<typeof PositionSchema>;

/** A closed round trip: a position opened from flat and brought back to flat (or reversed). */
export const TradeSchema = z.object({
  id: z.number(),
  botId: z.string(),
  symbol: z.string(),
  side: z.enum(['LONG', 'SHORT']),
  qty: z.number(),
  avgPxOpen: z.number(),
  avgPxClose: z.number(),
  realizedPnl: z.number(),
  fees: z.number(),
  openedAt: z.number(),
  closedAt: z.number(),
  /** `paper` or an exchange account's id: paper and live trades are told apart by it. */
  accountId: z.string(),
  /** The order that opened the trade and the one that closed it (null: a trader's adjustment). */
  entryOrderId: z.string().nullable(),
  exitOrderId: z.string().nullable(),
  /** Who placed the entry: a strategy, an alert (then `alertId`), the trader by hand… */
  source: OrderSourceSchema.nullable(),
  alertId: z.number().nullable(),
  /** P&L over the entry's value (0.1 = 10 %). */
  returnRatio: z.number(),
  durationMs: z.number(),
});
export type Trade = z.infer<typeof TradeSchema>;

export const PnlSchema = z.object({ realized: z.number(), unrealized: z.number() });
export type Pnl = z.infer<typeof PnlSchema>;
