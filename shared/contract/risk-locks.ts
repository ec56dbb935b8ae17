import { z } from 'zod';
import { AccountIdSchema } from '../domain/account.ts';

/** Minutes a trader types: whole, at least one, at most 30 days. */
const minutes = (label: string) =>
  z.number({ error: `${label} must be a whole number of minutes` }).int(`${label} must be a whole number of minutes`).min(1, `${label} must be at least 1 minute`).max(43_200, `${label} must be at most 43200 minutes (30 days)`);
const tradeCount = (label: string) => z.number({ error: `${label} must be a whole number` }).int(`${label} must be a whole number`).min(1, `${label} must be at least 1`).max(1000, `${label} must be at most 1000`);

/** freqtrade's StoplossGuard: `tradeLimit` stop-outs (protective closes at a loss) within `lookbackMinutes` lock entries. */
export const StopLossGuardSchema = z.object({
  enabled: z.boolean(),
  tradeLimit: tradeCount('Stop-loss count'),
  lookbackMinutes: minutes('Window'),
  lockMinutes: minutes('Lock duration'),
  /** true: only the symbol that was stopped out (counted per symbol) is locked; false: every symbol of the account. */
  perSymbol: z.boolean(),
}).strict();

/** freqtrade's CooldownPeriod: after a position in a symbol closes, no new entry in it for `lockMinutes`. */
export const CooldownSchema = z.object({ enabled: z.boolean(), lockMinutes: minutes('Cooldown') }).strict();

/**
 * freqtrade's LowProfitPairs: a symbol whose closed trades (at least `tradeLimit`) within `lookbackMinutes` made
 * less than `requiredProfit` (net P&L over the entries' value, 0.01 = 1 %) is locked for `lockMinutes`.
 */
export const LowProfitSchema = z.object({
  enabled: z.boolean(),
  tradeLimit: tradeCount('Trade count'),
  lookbackMinutes: minutes('Window'),
  lockMinutes: minutes('Lock duration'),
  requiredProfit: z.number({ error: 'Required profit must be a number' }).min(-1, 'Required profit must be at least -1 (-100 %)').max(10, 'Required profit must be at most 10 (1000 %)'),
}).strict();

export const ProtectionConfigSchema = z.object({
  stopLossGuard: StopLossGuardSchema,
  cooldown: CooldownSchema,
  lowProfit: LowProfitSchema,
}).strict();
export type ProtectionConfig = z.infer<typeof ProtectionConfigSchema>;

/** Off until the trader turns a protection on; the numbers are freqtrade's documented examples. */
export const DEFAULT_PROTECTIONS: ProtectionConfig = {
  stopLossGuard: { enabled: false, tradeLimit: 4, lookbackMinutes: 60, lockMinutes: 120, perSymbol: false },
  cooldown: { enabled: false, lockMinutes: 10 },
  lowProfit: { enabled: false, tradeLimit: 2, lookbackMinutes: 360, lockMinutes: 60, requiredProfit: 0.02 },
};

export const LOCK_RULES = ['stop_loss_guard', 'cooldown', 'low_profit'] as const;
export const LockRuleSchema = z.enum(LOCK_RULES);
export type LockRule = z.infer<typeof LockRuleSchema>;

export const RiskLockSchema = z.object({
  id: z.number().int(),
  accountId: z.string(),
  /** null: every symbol of the account. */
  symbol: z.string().nullable(),
  rule: LockRuleSchema,
  /** Why, in plain words with the numbers ("3 stop-losses within 60 min"). */
  reason: z.string(),
  since: z.number(),
  until: z.number(),
  liftedAt: z.number().nullable(),
  liftedBy: z.string().nullable(),
  /** Holds now: not lifted and not yet ended. */
  active: z.boolean(),
});
export type RiskLock = z.infer<typeof RiskLockSchema>;

export const LocksInputSchema = z.object({ accountId: AccountIdSchema.optional() }).strict().optional();
export const LiftLockInputSchema = z.object({ id: z.number().int().positive() }).strict();
export const ProtectionsInputSchema = z.object({ accountId: AccountIdSchema }).strict();
export const SetProtectionsInputSchema = z.object({ accountId: AccountIdSchema, config: ProtectionConfigSchema }).strict();

/** Why a bot cannot enter now (the emergency stop, or a lock on its account or symbol); bots absent can enter. */
export const EntryBlockSchema = z.object({ botId: z.string(), reason: z.string() });
export type EntryBlock = z.infer<typeof EntryBlockSchema>;
