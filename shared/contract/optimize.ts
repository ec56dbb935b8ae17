import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { StrategySchema } from '../domain/bot.ts';
import { BacktestMetricsSchema, BacktestRunInputSchema, BacktestTradeSchema, OpenTradeSchema } from './backtest.ts';

/** The most parameter sets one optimisation may test: beyond it the request is refused, not truncated. */
export const MAX_COMBOS = 10_000;

/** The figures a search can rank by; every one but the drawdown is better when higher. */
export const RANK_METRICS = ['sharpe', 'sortino', 'netReturn', 'cagr', 'profitFactor', 'winRate', 'expectancy', 'maxDrawdownPct'] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

const finite = (label: string) => z.number({ error: `${label} must be a number` }).refine(Number.isFinite, `${label} must be a finite number`);

/** The values one parameter takes: a numeric range walked by a step (both ends included), or a list. */
export const ParamAxisSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('range'), from: finite('From'), to: finite('To'), step: finite('Step').refine((s) => s > 0, 'Step must be greater than zero') }).strict(),
  z.object({ kind: z.literal('values'), values: z.array(z.union([finite('Value'), z.string().max(64), z.boolean()])).min(1, 'Give at least one value').max(MAX_COMBOS) }).strict(),
]);
export type ParamAxis = z.infer<typeof ParamAxisSchema>;

const run = BacktestRunInputSchema.shape;
/** The market and order options of a backtest, shared by optimisations and replays. */
const marketFields = {
  symbol: run.symbol,
  venue: run.venue,
  timeframe: run.timeframe,
  from: run.from,
  to: run.to,
  qty: run.qty,
  feeBps: run.feeBps,
  slippageBps: run.slippageBps,
  initialCapital: run.initialCapital,
};

/** Bar strategies over one series: not TradingView (alerts) nor arbitrage (two feeds). */
export const OPTIMISABLE = ['ma_crossover', 'rsi', 'macd', 'bollinger', 'momentum', 'zscore'] as const;
export type OptimisableKind = (typeof OPTIMISABLE)[number];

export const OptimizeInputSchema = z
  .object({
    ...marketFields,
    stopLossPct: run.stopLossPct,
    takeProfitPct: run.takeProfitPct,
    kind: z.enum(OPTIMISABLE, { error: 'Pick a strategy that trades on candles' }),
    /** One axis per parameter searched; a parameter left out keeps its default. */
    params: z.record(z.string().max(64), ParamAxisSchema),
    search: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('grid') }).strict(),
      z.object({ mode: z.literal('random'), samples: z.number().int().min(1).max(MAX_COMBOS), seed: z.number().int().optional() }).strict(),
    ]),
    rankBy: z.enum(RANK_METRICS),
    /** How many of the best parameter sets to return. */
    top: z.number().int().min(1).max(200).default(20),
  })
  .strict()
  .refine((input) => input.to > input.from, { message: 'The end of the range must be after its start', path: ['to'] });
export type OptimizeInput = z.input<typeof OptimizeInputSchema>;

export const RankedComboSchema = z.object({ rank: z.number().int(), params: StrategySchema, metrics: BacktestMetricsSchema });
export type RankedCombo = z.infer<typeof RankedComboSchema>;

export const OptimizeResultSchema = z.object({
  rankBy: z.enum(RANK_METRICS),
  /** Parameter sets backtested. */
  tested: z.number().int(),
  /** Parameter sets the strategy's rules refuse (a fast period not below the slow one), with one example reason. */
  skipped: z.number().int(),
  skippedReason: z.string().nullable(),
  workers: z.number().int(),
  elapsedMs: z.number(),
  best: z.array(RankedComboSchema),
});
export type OptimizeResult = z.infer<typeof OptimizeResultSchema>;

export const OptimizeEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), done: z.number().int(), total: z.number().int() }),
  z.object({ kind: z.literal('done'), result: OptimizeResultSchema }),
]);
export type OptimizeEvent = z.infer<typeof OptimizeEventSchema>;

/** A stop or target for the replay: as the alerts say, a distance from each entry (0.02 is 2 %), or none at all. */
const LevelOverrideSchema = z.union([z.literal('alerts'), z.literal('none'), z.number().positive().max(100)]);

export const ReplayInputSchema = z
  .object({
    ...marketFields,
    /** The alerts: a TradingView bot's stored alerts in the range, or CSV text `time,action[,stop_loss,take_profit,qty]`. */
    source: z.discriminatedUnion('kind', [z.object({ kind: z.literal('bot'), botId: z.string().min(1).max(64) }).strict(), z.object({ kind: z.literal('csv'), text: z.string().max(5_000_000) }).strict()]),
    stopLoss: LevelOverrideSchema.default('alerts'),
    takeProfit: LevelOverrideSchema.default('alerts'),
  })
  .strict()
  .refine((input) => input.to > input.from, { message: 'The end of the range must be after its start', path: ['to'] })
  .refine((input) => typeof input.stopLoss !== 'number' || input.stopLoss < 1, { message: 'Stop-loss distance must be under 100 %', path: ['stopLoss'] });
export type ReplayInput = z.input<typeof ReplayInputSchema>;

export const ReplayResultSchema = z.object({
  metrics: BacktestMetricsSchema,
  trades: z.array(BacktestTradeSchema),
  openTrade: OpenTradeSchema.nullable(),
  /** Alerts replayed, and those outside the candles (before the first bar or with no bar after them). */
  alerts: z.number().int(),
  outsideCandles: z.number().int(),
  /** Alerts that changed nothing (an exit with no position, an entry on the side already held). */
  ignored: z.number().int(),
  equity: z.array(z.tuple([z.number(), z.number()])),
});
export type ReplayResult = z.infer<typeof ReplayResultSchema>;

export const optimizeContract = {
  /** Searches a strategy's parameters over stored candles on worker threads; streams progress, then the ranking. Closing the stream cancels it. */
  optimize: oc.route({ method: 'POST', path: '/backtest/optimize' }).input(OptimizeInputSchema).output(eventIterator(OptimizeEventSchema)),
  /** Replays TradingView alerts through the backtester over stored candles. */
  replay: oc.route({ method: 'POST', path: '/backtest/replay' }).input(ReplayInputSchema).output(ReplayResultSchema),
};
