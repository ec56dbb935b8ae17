import type { Kysely } from 'kysely';
import { DEFAULT_PROTECTIONS, ProtectionConfigSchema, type ProtectionConfig } from '../../../../shared/contract/risk-locks.ts';
import type { Database } from '../../persistence/database.ts';
import { readSetting, writeSetting } from '../../persistence/settings.repository.ts';

const keyOf = (accountId: string) => `risk.protections.${accountId}`;

/** An account's protections; every one off until the trader turns it on. */
export function readProtections(db: Kysely<Database>, accountId: string): Promise<ProtectionConfig> {
  return readSetting(db, keyOf(accountId), ProtectionConfigSchema, DEFAULT_PROTECTIONS);
}

export function writeProtections(db: Kysely<Database>, accountId: string, config: ProtectionConfig): Promise<void> {
  return writeSetting(db, keyOf(accountId), config);
}

export const anyEnabled = (config: ProtectionConfig) => config.stopLossGuard.enabled || config.cooldown.enabled || config.lowProfit.enabled;
