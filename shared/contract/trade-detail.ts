import { z } from 'zod';
import { CandleSchema } from '../domain/candle.ts';
import { FillSchema } from '../domain/order.ts';
import { queryInt } from './query.ts';
import { HistoryTradeSchema } from './trade-history.ts';

export const TradeDetailInputSchema = z.object({ id: queryInt(1, Number.MAX_SAFE_INTEGER) }).strict();

/** One closed trade as its row detail shows it: the fills that opened and closed it, why it was taken, and the market around it. */
export const TradeDetailSchema = z.object({
  trade: HistoryTradeSchema,
  /** Fills of the entry order and of the exit order, oldest first. */
  entries: z.array(FillSchema),
  exits: z.array(FillSchema),
  /** What caused the entry, in the trader's words (the strategy and its settings, or the alert's command). */
  cause: z.string(),
  /** The bot's bars around the trade (up to 200, ending a few bars after the exit); empty when none are stored. */
  timeframe: z.string(),
  candles: z.array(CandleSchema),
});
export type TradeDetail = z.infer<typeof TradeDetailSchema>;
