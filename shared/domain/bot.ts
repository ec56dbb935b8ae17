import { z } from 'zod';
import { AccountIdSchema } from './account.ts';
import { BotExitsSchema } from './bot-exits.ts';
import { MAX_NAME_LENGTH } from './limits.ts';
import { SymbolSchema, TimeframeSchema } from './instrument.ts';
import { PnlSchema } from './position.ts';

const period = (label: string) =>
  z.number({ error: `${label} must be a whole number` }).int(`${label} must be a whole number`).min(2, `${label} must be at least 2`).max(1000, `${label} must be at most 1000`);

export const MaCrossoverParamsSchema = z
  .object({
    kind: z.literal('ma_crossover'),
    fast: period('Fast period'),
    slow: period('Slow period'),
  })
  .refine((p) => p.slow > p.fast, { message: 'Slow period must be greater than the fast period', path: ['slow'] });

/** Trades only from TradingView alerts; `maxEntries` caps pyramiding (adds to one position). */
export const TradingViewParamsSchema = z.object({
  kind: z.literal('tradingview'),
  maxEntries: z.number({ error: 'Max entries must be a whole number' }).int('Max entries must be a whole number').min(1, 'Max entries must be at least 1').max(100, 'Max entries must be at most 100'),
});

export const StrategySchema = z.discriminatedUnion('kind', [MaCrossoverParamsSchema, TradingViewParamsSchema]);
export type StrategyParams = z.infer<typeof StrategySchema>;

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
