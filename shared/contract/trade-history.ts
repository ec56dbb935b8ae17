import { z } from 'zod';
import { AccountIdSchema } from '../domain/account.ts';
import { BotIdSchema } from '../domain/ids.ts';
import { SymbolSchema } from '../domain/instrument.ts';
import { OrderSourceSchema } from '../domain/order.ts';
import { TradeSchema } from '../domain/position.ts';

const time = (label: string) => z.number({ error: `${label} must be a time in epoch milliseconds` }).int(`${label} must be a whole number of milliseconds`).min(0).max(8.64e15);
const money = (label: string) => z.number({ error: `${label} must be a number` }).finite(`${label} must be a number`);
const few = <T extends z.ZodType>(item: T, label: string) => z.array(item).min(1, `Pick at least one ${label}`).max(100, `At most 100 ${label}s at once`);

/** What the trade history can be narrowed to; every part optional, all of them together. */
export const TradeFilterSchema = z
  .object({
    from: time('From').optional(),
    to: time('To').optional(),
    botIds: few(BotIdSchema, 'bot').optional(),
    accountIds: few(AccountIdSchema, 'account').optional(),
    /** Paper and live trades kept apart: paper is the `paper` account, live every exchange account. */
    mode: z.enum(['paper', 'live']).optional(),
    symbols: few(SymbolSchema, 'symbol').optional(),
    side: z.enum(['LONG', 'SHORT']).optional(),
    outcome: z.enum(['win', 'loss']).optional(),
    pnlMin: money('Minimum P&L').optional(),
    pnlMax: money('Maximum P&L').optional(),
    sources: few(OrderSourceSchema, 'source').optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { path: ['to'], message: 'The end of the range is before its start' })
  .refine((f) => f.pnlMin === undefined || f.pnlMax === undefined || f.pnlMin <= f.pnlMax, { path: ['pnlMax'], message: 'The maximum P&L is below the minimum' });
export type TradeFilter = z.infer<typeof TradeFilterSchema>;

export const TRADE_SORT_KEYS = ['closedAt', 'bot', 'symbol', 'pnl', 'return', 'duration'] as const;
export const TradeSortSchema = z.object({ by: z.enum(TRADE_SORT_KEYS).default('closedAt'), dir: z.enum(['asc', 'desc']).default('desc') }).strict();
export type TradeSort = z.infer<typeof TradeSortSchema>;

export const TradePageInputSchema = z
  .object({
    filter: TradeFilterSchema.default({}),
    sort: TradeSortSchema.default({ by: 'closedAt', dir: 'desc' }),
    /** The `next` of the previous page; omitted for the first. */
    cursor: z.string().max(512).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type TradePageInput = z.input<typeof TradePageInputSchema>;

/** A trade as the history lists it: with its bot's name (kept for a deleted bot). */
export const HistoryTradeSchema = TradeSchema.extend({ botName: z.string() });
export type HistoryTrade = z.infer<typeof HistoryTradeSchema>;

export const TradePageSchema = z.object({ rows: z.array(HistoryTradeSchema), next: z.string().nullable() });
export type TradePage = z.infer<typeof TradePageSchema>;

/** The whole filter's figures, shown above the table. */
export const TradeTotalsSchema = z.object({ count: z.number(), netPnl: z.number(), fees: z.number(), winRate: z.number().nullable() });
export type TradeTotals = z.infer<typeof TradeTotalsSchema>;
