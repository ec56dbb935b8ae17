import { z } from 'zod';
import { AccountIdSchema } from './account.ts';
import { BotSizingSchema } from './bot-sizing.ts';
import { BotExitsSchema } from './bot-exits.ts';
import { MAX_NAME_LENGTH } from './limits.ts';
import { SymbolSchema, TimeframeSchema } from './instrument.ts';
import { PnlSchema } from './position.ts';
import { StrategySchema } from './strategy-params.ts';

export {
  BollingerParamsSchema,
  MacdParamsSchema,
  MaCrossoverParamsSchema,
  MomentumParamsSchema,
  RsiParamsSchema,
  StrategySchema,
  TradingViewParamsSchema,
  ZScoreParamsSchema,
  type StrategyParams,
} from './strategy-params.ts';

export const BOT_STATUSES = ['stopped', 'running', 'paused'] as const;
export const BotStatusSchema = z.enum(BOT_STATUSES);
export type BotStatus = z.infer<typeof BotStatusSchema>;

/** What a trader fills in to create or edit a bot. */
export const BotConfigSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters`),
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  strategy: StrategySchema,
  /** Order size in the base asset (e.g. BTC for BTC/USDT). */
  orderQty: z.number({ error: 'Order size must be a number' }).positive('Order size must be greater than zero').max(1e9, 'Order size is too large'),
  /** The account the bot trades on: `paper`, or an exchange account's id. */
  account: AccountIdSchema,
  /** How entries are sized and limited; a bot stored without it trades `orderQty` with no per-bot entry limits. */
  sizing: BotSizingSchema.optional(),
  /** Stop-loss, take-profits, trailing stop and break-even the engine holds on each position (absent or null: none). */
  exits: BotExitsSchema.nullable().optional(),
});
export type BotConfig = z.infer<typeof BotConfigSchema>;

export const BotSchema = BotConfigSchema.extend({
  id: z.string(),
  status: BotStatusSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Bot = z.infer<typeof BotSchema>;

export const BotSummarySchema = BotSchema.extend({ pnl: PnlSchema });
export type BotSummary = z.infer<typeof BotSummarySchema>;
