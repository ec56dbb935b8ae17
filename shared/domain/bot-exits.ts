import { z } from 'zod';

/**
 * A bot's exits, set once on the bot and armed by the engine on every position it opens: a
 * stop-loss, a ladder of take-profits that each close part of the position, a trailing stop and
 * a break-even move. Distances are measured from the entry price.
 */

const positive = (label: string, max: number) =>
  z.number({ error: `${label} must be a number` }).refine(Number.isFinite, `${label} must be a number`).positive(`${label} must be greater than zero`).max(max, `${label} must be at most ${max}`);

/** A distance from a price: a percent of it, or a multiple of the average true range (ATR). */
export const ExitDistanceSchema = z.object({
  unit: z.enum(['percent', 'atr']),
  value: positive('Distance', 1000),
});
export type ExitDistance = z.infer<typeof ExitDistanceSchema>;

/** A take-profit distance: percent, ATR multiple, or R multiple (times the stop-loss distance). */
export const TargetDistanceSchema = z.object({
  unit: z.enum(['percent', 'atr', 'r']),
  value: positive('Distance', 1000),
});
export type TargetDistance = z.infer<typeof TargetDistanceSchema>;

export const TakeProfitStepSchema = z.object({
  at: TargetDistanceSchema,
  /** Percent of the position held when the ladder was armed that this level closes. */
  percent: positive('Share of the position', 100),
});
export type TakeProfitStep = z.infer<typeof TakeProfitStepSchema>;

export const TrailingStopSchema = z.object({
  distance: ExitDistanceSchema,
  /** Trails only once the position is this many percent in profit (null: from the entry). */
  activateAfterPercent: positive('Activation profit', 1000).nullable(),
});

export const BreakEvenSchema = z.object({
  /** `tp1`: once the first take-profit has filled; `profit`: once the price is `percent` in profit. */
  after: z.enum(['tp1', 'profit']),
  percent: positive('Break-even profit', 1000).nullable(),
});

export const MAX_TAKE_PROFITS = 5;

export const BotExitsSchema = z
  .object({
    stopLoss: ExitDistanceSchema.nullable(),
    takeProfits: z.array(TakeProfitStepSchema).max(MAX_TAKE_PROFITS, `At most ${MAX_TAKE_PROFITS} take-profit levels`),
    trailing: TrailingStopSchema.nullable(),
    breakEven: BreakEvenSchema.nullable(),
    /** Bars of the bot's timeframe the ATR averages. */
    atrPeriod: z.number({ error: 'ATR period must be a whole number' }).int('ATR period must be a whole number').min(2, 'ATR period must be at least 2').max(200, 'ATR period must be at most 200'),
  })
  // A percent stop of 100 or more would sit at or below a price of 0 under a long.
  .refine((e) => e.stopLoss?.unit !== 'percent' || e.stopLoss.value < 100, { message: 'A stop-loss in percent must be under 100', path: ['stopLoss', 'value'] })
  .refine((e) => e.trailing?.distance.unit !== 'percent' || e.trailing.distance.value < 100, { message: 'A trailing distance in percent must be under 100', path: ['trailing', 'distance', 'value'] })
  .refine((e) => e.takeProfits.reduce((sum, step) => sum + step.percent, 0) <= 100 + 1e-9, { message: 'The take-profit shares add up to more than 100 %', path: ['takeProfits'] })
  .refine((e) => e.stopLoss !== null || e.takeProfits.every((step) => step.at.unit !== 'r'), { message: 'An R multiple needs a stop-loss to measure from', path: ['takeProfits'] })
  .refine((e) => e.breakEven?.after !== 'profit' || e.breakEven.percent !== null, { message: 'Say how many percent in profit moves the stop to break-even', path: ['breakEven', 'percent'] })
  .refine((e) => e.breakEven?.after !== 'tp1' || e.takeProfits.length > 0, { message: 'Break-even after the first take-profit needs a take-profit', path: ['breakEven', 'after'] });
export type BotExits = z.infer<typeof BotExitsSchema>;

/** What a position row shows of the exits the engine holds for it. */
export const PositionExitsSchema = z.object({
  takeProfits: z.array(z.object({ price: z.number(), percent: z.number(), filled: z.boolean() })),
  trailing: z.object({ active: z.boolean(), mark: z.number().nullable() }).nullable(),
  breakEven: z.object({ price: z.number(), moved: z.boolean() }).nullable(),
  /** A level that could not be worked out (no ATR yet). */
  note: z.string().nullable(),
});
export type PositionExits = z.infer<typeof PositionExitsSchema>;
