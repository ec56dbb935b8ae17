import { oc } from '@orpc/contract';
import { z } from 'zod';
import { TradeFilterSchema } from './trade-history.ts';

/** What the dashboard covers: a date range and paper or live (never both summed: different money). */
export const DashboardInputSchema = z
  .object({
    from: TradeFilterSchema.shape.from,
    to: TradeFilterSchema.shape.to,
    mode: z.enum(['paper', 'live']).default('paper'),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { path: ['to'], message: 'The end of the range is before its start' });
export type DashboardInput = z.input<typeof DashboardInputSchema>;

const ratio = z.number().nullable();

/** One bot's figures, or the total's (botId null). Money in quote currency; ratios as fractions (0.1 is 10 %). */
export const PerformanceSchema = z.object({
  botId: z.string().nullable(),
  name: z.string(),
  realizedPnl: z.number(),
  unrealizedPnl: z.number(),
  /** (realised + unrealised) over the capital. */
  netReturn: ratio,
  winRate: ratio,
  profitFactor: ratio,
  avgWin: ratio,
  avgLoss: ratio,
  sharpe: ratio,
  sortino: ratio,
  maxDrawdown: z.number(),
  maxDrawdownPct: z.number(),
  maxDrawdownMs: z.number(),
  /** Historical one-day VaR at 95 %, a positive fraction of equity; null under 20 days. */
  var95: ratio,
  /** Share of days with a position open. */
  exposure: ratio,
  trades: z.number(),
  fees: z.number(),
});
export type Performance = z.infer<typeof PerformanceSchema>;

const bucket = z.object({ ts: z.number(), pnl: z.number(), trades: z.number() });

export const DashboardSchema = z.object({
  /** What returns are measured against: the accounts' first recorded equity; null when none is recorded. */
  capital: z.number().nullable(),
  total: PerformanceSchema,
  bots: z.array(PerformanceSchema),
  /** Day by day (UTC): capital plus the realised P&L so far, and its drawdown (0 at a peak, -0.1 ten percent down). */
  equity: z.array(z.object({ ts: z.number(), equity: z.number(), drawdown: z.number() })),
  pnlByDay: z.array(bucket),
  pnlByWeek: z.array(bucket),
  pnlByMonth: z.array(bucket),
  pnlBySymbol: z.array(z.object({ symbol: z.string(), pnl: z.number(), trades: z.number() })),
  /** Pearson correlation of the bots' daily P&L (the bots in `bots` order); null where a bot's P&L never varies. */
  correlation: z.array(z.array(z.number().nullable())),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const analyticsContract = {
  /** Performance per bot and in total, from the ledger's closed trades and the open positions. */
  dashboard: oc.route({ method: 'POST', path: '/analytics/dashboard' }).input(DashboardInputSchema).output(DashboardSchema),
};
