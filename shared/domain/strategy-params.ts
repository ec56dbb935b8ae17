import { z } from 'zod';

// Each strategy's parameters: one zod schema, checked in the form, at the engine's door and when a
// stored bot is read back. Titles (`meta`) label the form's fields; the form is generated from
// these schemas (renderer/features/bots/StrategyParamsFields.tsx), so a new field needs no UI code.

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`)
    .meta({ title: label });

const decimal = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`)
    .meta({ title: label });

const period = (label: string) => whole(label, 2, 1000);
const yesNo = (label: string) => z.boolean({ error: `${label} must be yes or no` }).meta({ title: label });

const allowShort = yesNo('Also go short (mirror rule)').default(false);

export const MaCrossoverParamsSchema = z
  .object({
    kind: z.literal('ma_crossover'),
    // Defaults in `meta` only, for the form: stored bots always carry both periods.
    fast: period('Fast period').meta({ default: 9 }),
    slow: period('Slow period').meta({ default: 21 }),
    // Optional rather than defaulted: bots stored before it existed read back unchanged; absent means SMA.
    ma: z.enum(['sma', 'ema'], { error: 'Average must be SMA or EMA' }).optional().meta({ title: 'Average', default: 'sma' }),
  })
  .refine((p) => p.slow > p.fast, { message: 'Slow period must be greater than the fast period', path: ['slow'] })
  .meta({ title: 'MA crossover', description: 'Buys when the fast moving average crosses above the slow one, sells when it crosses back.' });

export const RsiParamsSchema = z
  .object({
    kind: z.literal('rsi'),
    period: period('RSI period').default(14),
    oversold: decimal('Oversold below', 1, 99).default(30),
    overbought: decimal('Overbought above', 1, 99).default(70),
    allowShort,
  })
  .refine((p) => p.overbought > p.oversold, { message: 'Overbought must be above oversold', path: ['overbought'] })
  .meta({ title: 'RSI', description: 'Buys when the RSI falls below the oversold level, sells when it rises above the overbought level.' });

export const MacdParamsSchema = z
  .object({
    kind: z.literal('macd'),
    fast: period('Fast EMA period').default(12),
    slow: period('Slow EMA period').default(26),
    signal: whole('Signal period', 1, 1000).default(9),
    histogramFilter: yesNo('Histogram filter').default(false),
    minHistogramPct: decimal('Minimum histogram (% of price)', 0, 10).default(0.05),
    allowShort,
  })
  .refine((p) => p.slow > p.fast, { message: 'Slow period must be greater than the fast period', path: ['slow'] })
  .meta({
    title: 'MACD',
    description: 'Buys when the MACD line crosses above its signal line, sells when it crosses below. With the histogram filter, buys only once the histogram exceeds the minimum share of the price.',
  });

export const BollingerParamsSchema = z
  .object({
    kind: z.literal('bollinger'),
    period: period('Bands period').default(20),
    deviations: decimal('Band width (standard deviations)', 0.1, 10).default(2),
    entry: z.enum(['touch', 'close'], { error: 'Entry must be touch or close' }).default('close').meta({ title: 'Enter on' }),
    allowShort,
  })
  .meta({ title: 'Bollinger mean reversion', description: 'Buys when the price touches or closes below the lower band, exits at the middle band.' });

export const MomentumParamsSchema = z
  .object({
    kind: z.literal('momentum'),
    mode: z.enum(['roc', 'donchian'], { error: 'Mode must be roc or donchian' }).default('roc').meta({ title: 'Signal' }),
    period: period('Lookback period').default(20),
    rocThresholdPct: decimal('ROC threshold (%)', 0, 100).default(2),
    stopAtr: decimal('Stop-loss (ATR multiples, 0 = none)', 0, 20).default(0),
    allowShort,
  })
  .meta({
    title: 'Momentum',
    description: 'ROC: buys when the rate of change over the lookback rises above the threshold, exits when it turns negative. Donchian: buys a close above the previous highest high, exits on a close below the previous lowest low. An ATR stop (over the lookback) goes with each entry if set.',
  });

export const ZScoreParamsSchema = z
  .object({
    kind: z.literal('zscore'),
    period: period('Lookback period').default(20),
    entryZ: decimal('Enter beyond (standard deviations)', 0.1, 10).default(2),
    exitZ: decimal('Exit within (standard deviations)', 0, 10).default(0),
    allowShort,
  })
  .refine((p) => p.entryZ > p.exitZ, { message: 'Entry must be further out than the exit', path: ['entryZ'] })
  .meta({ title: 'Z-score mean reversion', description: 'Buys when the close falls the entry distance below its mean, exits when it is back within the exit distance.' });

/**
 * Two feeds of one symbol (this bot's account is leg A, `accountB` leg B). Fees and slippage are the
 * strategy's own estimate of what a round trip costs (4 fills); the entry needs the spread beyond them.
 */
export const ArbitrageParamsSchema = z
  .object({
    kind: z.literal('arbitrage'),
    entrySpreadPct: decimal('Enter when the spread, net of costs, exceeds (%)', 0, 50).default(0.2),
    exitSpreadPct: decimal('Exit when the spread narrows below (%)', 0, 50).default(0.05),
    feeBpsA: decimal('Fee per fill on venue A (bps)', 0, 500).default(10),
    feeBpsB: decimal('Fee per fill on venue B (bps)', 0, 500).default(10),
    slippageBps: decimal('Slippage per fill (bps)', 0, 500).default(2),
  })
  .refine((p) => p.exitSpreadPct < p.entrySpreadPct + roundTripCostPct(p), { message: 'The exit spread must be below the entry spread plus costs, or every entry would exit at once', path: ['exitSpreadPct'] })
  .meta({
    title: 'Cross-venue arbitrage',
    description: 'Watches the same symbol on two venues. When the price gap, after both venues\' fees and slippage on all four fills, exceeds the entry spread, buys on the cheap venue and sells on the dear one; closes both legs once the gap narrows below the exit spread.',
  });

/** What opening and closing both legs costs, as a percentage of the price: two fills a venue, slippage on each. */
export function roundTripCostPct(p: { feeBpsA: number; feeBpsB: number; slippageBps: number }): number {
  return (2 * p.feeBpsA + 2 * p.feeBpsB + 4 * p.slippageBps) / 100;
}

/** Trades only from TradingView alerts; `maxEntries` caps pyramiding (adds to one position). */
export const TradingViewParamsSchema = z
  .object({
    kind: z.literal('tradingview'),
    maxEntries: whole('Max entries per position', 1, 100).meta({ default: 1 }),
  })
  .meta({ title: 'TradingView signals', description: 'Trades only from alerts sent to the webhook listener.' });

/** Every strategy a bot can run, in the order the form lists them. */
export const STRATEGY_PARAMS_SCHEMAS = [
  MaCrossoverParamsSchema,
  RsiParamsSchema,
  MacdParamsSchema,
  BollingerParamsSchema,
  MomentumParamsSchema,
  ZScoreParamsSchema,
  ArbitrageParamsSchema,
  TradingViewParamsSchema,
] as const;

export const StrategySchema = z.discriminatedUnion('kind', STRATEGY_PARAMS_SCHEMAS);
export type StrategyParams = z.infer<typeof StrategySchema>;
export type StrategyKind = StrategyParams['kind'];
