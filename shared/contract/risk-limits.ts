import { z } from 'zod';
import { AccountIdSchema } from '../domain/account.ts';

/** Larger than any account could hold: a limit above it is a typo, not a choice. */
const MAX_AMOUNT = 1e15;

const amount = (what: string) =>
  z
    .number({ error: `${what} must be a number in the account currency` })
    .finite(`${what} must be a finite number`)
    .min(0, `${what} cannot be negative`)
    .max(MAX_AMOUNT, `${what} is larger than any account could hold`);

/** A time zone the engine's Intl knows (IANA names such as Europe/Berlin, or UTC). */
export const TimeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, { message: 'Unknown time zone: use an IANA name such as UTC, Europe/Berlin or America/New_York' });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An account's limits across every bot and signal source; null turns a limit off. */
export const RiskLimitsSchema = z
  .object({
    maxOpenPositions: z.number().int('Max open positions must be a whole number').min(0).max(10_000).nullable().default(null),
    /** Worst-case value of one symbol's positions and open orders, in the account currency. */
    maxSymbolExposure: amount('Max exposure per symbol').nullable().default(null),
    maxTotalExposure: amount('Max total exposure').nullable().default(null),
    /** Realised + unrealised + fees since the daily reset, in the account currency. */
    dailyLossLimit: amount('Daily loss limit').positive('Daily loss limit must be above zero (or off)').nullable().default(null),
    dailyResetTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Daily reset time is HH:MM, 00:00 to 23:59').default('00:00'),
    timeZone: TimeZoneSchema.default('UTC'),
    /** Peak-to-trough fall of equity (open positions at their mark), in percent. */
    maxDrawdownPct: z.number().finite().gt(0, 'Max drawdown must be above 0 % (or off)').max(100, 'Max drawdown is at most 100 %').nullable().default(null),
    /** Entries are refused when the symbol's last price is older than this (fail closed). */
    maxPriceAgeSeconds: z.number().int('Max price age is whole seconds').min(1).max(86_400).nullable().default(120),
  })
  .strict();
export type RiskLimits = z.infer<typeof RiskLimitsSchema>;

export const AccountRiskLimitsSchema = z.object({
  accountId: z.string(),
  currency: z.string(),
  limits: RiskLimitsSchema,
  /** Null while the account has never had limits set (all off). */
  updatedAt: z.number().nullable(),
});
export type AccountRiskLimits = z.infer<typeof AccountRiskLimitsSchema>;

export const SetRiskLimitsInputSchema = z.object({ accountId: AccountIdSchema, limits: RiskLimitsSchema }).strict();

export const GovernorLockSchema = z.object({
  kind: z.enum(['daily_loss', 'drawdown']),
  reason: z.string(),
  since: z.number(),
  /** When entries open again by themselves; null: only the trader's lift ends it. */
  until: z.number().nullable(),
  liftable: z.boolean(),
});
export type GovernorLock = z.infer<typeof GovernorLockSchema>;

/** One account's figures against its limits; a figure is null when it cannot be counted (then entries are refused). */
export const GovernorAccountSchema = z.object({
  accountId: z.string(),
  currency: z.string(),
  limits: RiskLimitsSchema,
  openPositions: z.number().int(),
  totalExposure: z.number().nullable(),
  symbolExposure: z.array(z.object({ symbol: z.string(), exposure: z.number() })),
  equity: z.number().nullable(),
  dailyLoss: z.number().nullable(),
  dayStartedAt: z.number(),
  nextResetAt: z.number(),
  drawdownPct: z.number().nullable(),
  peakEquity: z.number().nullable(),
  locks: z.array(GovernorLockSchema),
  /** Why figures could not be counted (no price, a stale price), in plain words; null when all were. */
  problem: z.string().nullable(),
});
export type GovernorAccount = z.infer<typeof GovernorAccountSchema>;
