import { oc } from '@orpc/contract';
import { z } from 'zod';
import { AccountIdSchema } from '../domain/account.ts';
import { AccountRiskLimitsSchema, GovernorAccountSchema, SetRiskLimitsInputSchema } from './risk-limits.ts';
import { EntryBlockSchema, LiftLockInputSchema, LocksInputSchema, ProtectionConfigSchema, ProtectionsInputSchema, RiskLockSchema, SetProtectionsInputSchema } from './risk-locks.ts';

/**
 * block: no new entry from any source (bots, alerts, manual or API orders); reduce-only closes still go.
 * cancel: block, and every open order on every account is canceled until the venues show none.
 * flatten: cancel, and every position is closed with reduce-only market orders until all are zero.
 */
export const EmergencyLevelSchema = z.enum(['block', 'cancel', 'flatten']);
export type EmergencyLevel = z.infer<typeof EmergencyLevelSchema>;

/** Where the trader pressed it: for the audit log. */
export const StopSourceSchema = z.enum(['button', 'shortcut', 'menu', 'api']);
export type StopSource = z.infer<typeof StopSourceSchema>;

export const EmergencyStopInputSchema = z.object({ level: EmergencyLevelSchema, source: StopSourceSchema.default('api') }).strict();

export const EmergencyStopStatusSchema = z.object({
  /** null: no stop in force. */
  level: EmergencyLevelSchema.nullable(),
  since: z.number().nullable(),
  by: z.string().nullable(),
  progress: z.object({
    /** Open orders the venues still showed at the last look; null before the first look (or at level block). */
    openOrdersLeft: z.number().int().nullable(),
    positionsLeft: z.number().int().nullable(),
    /** True once the venues show no open order (and, for flatten, no position is left). */
    done: z.boolean(),
    lastError: z.string().nullable(),
  }),
});
export type EmergencyStopStatus = z.infer<typeof EmergencyStopStatusSchema>;

export const riskContract = {
  emergencyStop: oc.route({ method: 'POST', path: '/risk/emergency-stop' }).input(EmergencyStopInputSchema).output(EmergencyStopStatusSchema),
  liftEmergencyStop: oc.route({ method: 'POST', path: '/risk/emergency-stop/lift' }).input(z.object({ source: StopSourceSchema.default('api') }).strict()).output(EmergencyStopStatusSchema),
  status: oc.route({ method: 'GET', path: '/risk/status' }).input(z.object({}).strict().optional()).output(EmergencyStopStatusSchema),
  limits: oc.route({ method: 'GET', path: '/risk/limits' }).input(z.object({}).strict().optional()).output(z.array(AccountRiskLimitsSchema)),
  setLimits: oc.route({ method: 'PUT', path: '/risk/limits/{accountId}' }).input(SetRiskLimitsInputSchema).output(AccountRiskLimitsSchema),
  governor: oc.route({ method: 'GET', path: '/risk/governor' }).input(z.object({}).strict().optional()).output(z.array(GovernorAccountSchema)),
  liftDrawdownLock: oc.route({ method: 'POST', path: '/risk/governor/{accountId}/lift' }).input(z.object({ accountId: AccountIdSchema }).strict()).output(GovernorAccountSchema),
  locks: oc.route({ method: 'GET', path: '/risk/locks' }).input(LocksInputSchema).output(z.array(RiskLockSchema)),
  liftLock: oc.route({ method: 'POST', path: '/risk/locks/lift' }).input(LiftLockInputSchema).output(RiskLockSchema),
  protections: oc.route({ method: 'GET', path: '/risk/protections' }).input(ProtectionsInputSchema).output(ProtectionConfigSchema),
  setProtections: oc.route({ method: 'POST', path: '/risk/protections' }).input(SetProtectionsInputSchema).output(ProtectionConfigSchema),
  entryBlocks: oc.route({ method: 'GET', path: '/risk/entry-blocks' }).input(z.object({}).strict().optional()).output(z.array(EntryBlockSchema)),
};
