import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { StrategySchema } from '../domain/bot.ts';
import { SymbolSchema } from '../domain/instrument.ts';
import { CandleSchema } from '../domain/candle.ts';

const nullableNumber = z.number().nullable();

/** The figures of a run; see `electron/engine/analytics/metrics.ts` for each definition and convention. */
export const BacktestMetricsSchema = z.object({
  initialCapital: z.number(),
  finalEquity: z.number(),
  netProfit: z.number(),
  netReturn: z.number(),
  cagr: nullableNumber,
  trades: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  winRate: nullableNumber,
  profitFactor: nullableNumber,
  avgWin: nullableNumber,
  avgLoss: nullableNumber,
  expectancy: nullableNumber,
  sharpe: nullableNumber,
  sortino: nullableNumber,
  maxDrawdown: z.number(),
  maxDrawdownPct: z.number(),
  maxDrawdownBars: z.number().int(),
  maxDrawdownMs: z.number(),
  exposure: nullableNumber,
  buyAndHoldReturn: nullableNumber,
  bars: z.number().int(),
});
export type BacktestMetrics = z.infer<typeof BacktestMetricsSchema>;

export const BacktestTradeSchema = z.object({
  side: z.enum(['long', 'short']),
  qty: z.number(),
  entryTime: z.number(),
  exitTime: z.number(),
  entryPrice: z.number(),
  exitPrice: z.number(),
  /** Net of both fills' fees. */
  pnl: z.number(),
  fees: z.number(),
  exitReason: z.enum(['signal', 'stop_loss', 'take_profit']),
});

export const OpenTradeSchema = z.object({
  side: z.enum(['long', 'short']),
  qty: z.number(),
  entryTime: z.number(),
  entryPrice: z.number(),
  markPrice: z.number(),
  unrealizedPnl: z.number(),
  fees: z.number(),
});

const bps = (label: string) => z.number({ error: `${label} must be a number` }).min(0, `${label} cannot be negative`).max(1000, `${label} must be at most 1000 bps (10 %)`);

/** A backtest over stored candles [from, to) (epoch ms); fees and slippage default to the paper venue's. */
export const BacktestRunInputSchema = z
  .object({
    symbol: SymbolSchema,
    /** The store's venue for the series; default: the venue the engine trades the symbol on. */
    venue: z.string().min(1).max(64).optional(),
    timeframe: z.string().regex(/^\d{1,4}[smhdw]$/, 'Timeframe is a number and a unit, like 1m, 4h or 1d'),
    from: z.number().int(),
    to: z.number().int(),
    strategy: StrategySchema,
    /** Order size in the base asset. */
    qty: z.number({ error: 'Order size must be a number' }).positive('Order size must be greater than zero').max(1e9, 'Order size is too large'),
    feeBps: bps('Fee').optional(),
    slippageBps: bps('Slippage').optional(),
    stopLossPct: z.number().positive('Stop-loss distance must be greater than zero').lt(1, 'Stop-loss distance must be under 100 %').optional(),
    takeProfitPct: z.number().positive('Take-profit distance must be greater than zero').max(100).optional(),
    initialCapital: z.number().positive('Initial capital must be greater than zero').max(1e15).optional(),
  })
  .strict()
  .refine((input) => input.to > input.from, { message: 'The end of the range must be after its start', path: ['to'] });
export type BacktestRunInput = z.infer<typeof BacktestRunInputSchema>;

export const BacktestRunSummarySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  venue: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  from: z.number(),
  to: z.number(),
  strategy: StrategySchema,
  metrics: BacktestMetricsSchema,
});
export type BacktestRunSummary = z.infer<typeof BacktestRunSummarySchema>;

export const BacktestRunSchema = BacktestRunSummarySchema.extend({
  /** The options the run used, defaults filled in. */
  options: z.object({ qty: z.number(), feeBps: z.number(), slippageBps: z.number(), stopLossPct: z.number().nullable(), takeProfitPct: z.number().nullable() }),
  trades: z.array(BacktestTradeSchema),
  openTrade: OpenTradeSchema.nullable(),
  /** [time, equity] pairs, thinned to at most a few thousand points for a chart (the metrics use every bar). */
  equity: z.array(z.tuple([z.number(), z.number()])),
});
export type BacktestRun = z.infer<typeof BacktestRunSchema>;

export const BacktestEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), done: z.number().int(), total: z.number().int() }),
  z.object({ kind: z.literal('done'), run: BacktestRunSummarySchema }),
]);
export type BacktestEvent = z.infer<typeof BacktestEventSchema>;

const byId = z.object({ id: z.string().min(1).max(64) }).strict();

/** The bars of a run's range for its chart; `per` > 1 when each drawn bar merges that many stored ones. */
export const BacktestCandlesSchema = z.object({ per: z.number().int().min(1), candles: z.array(CandleSchema) });
export type BacktestCandles = z.infer<typeof BacktestCandlesSchema>;

export const backtestContract = {
  /** Runs and saves a backtest; streams progress, then the saved run's summary. Closing the stream cancels it (nothing saved). */
  run: oc.route({ method: 'POST', path: '/backtest/run' }).input(BacktestRunInputSchema).output(eventIterator(BacktestEventSchema)),
  list: oc.route({ method: 'GET', path: '/backtest/runs' }).input(z.object({}).strict().optional()).output(z.array(BacktestRunSummarySchema)),
  get: oc.route({ method: 'GET', path: '/backtest/runs/{id}' }).input(byId).output(BacktestRunSchema),
  delete: oc.route({ method: 'DELETE', path: '/backtest/runs/{id}' }).input(byId).output(z.object({ id: z.string() })),
  candles: oc.route({ method: 'GET', path: '/backtest/runs/{id}/candles' }).input(byId).output(BacktestCandlesSchema),
};
