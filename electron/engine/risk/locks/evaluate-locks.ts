import type { Kysely, Selectable } from 'kysely';
import type { LockRule, ProtectionConfig } from '../../../../shared/contract/risk-locks.ts';
import type { Database, RiskLocksTable } from '../../persistence/database.ts';
import { closedTrades, lastCloseAt } from './closed-trades.ts';
import { insertLock, lastLockSince } from './locks.repository.ts';
import { ALL_SYMBOLS } from './lock-words.ts';
import { cooldown, type LockProposal, lowProfit, stopLossGuard, windowStart } from './protection-rules.ts';

/**
 * Runs the account's protections on its last closes (in `symbol`, and in any symbol for an
 * account-wide stop-loss guard) and stores the locks they ask for; returns the locks stored now.
 * Idempotent: a lock is keyed by the close that set it off, so running twice stores it once. A
 * lock that would already have ended at `now` is not stored.
 */
export async function evaluateLocks(db: Kysely<Database>, accountId: string, symbol: string, config: ProtectionConfig, now: number): Promise<Selectable<RiskLocksTable>[]> {
  const proposals: (LockProposal | null)[] = [];
  const symbolClose = await lastCloseAt(db, accountId, symbol);
  if (symbolClose !== null) {
    proposals.push(cooldown(config.cooldown, symbol, symbolClose));
    if (config.lowProfit.enabled) {
      const trades = await windowed(db, accountId, symbol, 'low_profit', config.lowProfit.lookbackMinutes, symbolClose);
      proposals.push(lowProfit(config.lowProfit, symbol, trades, symbolClose));
    }
  }
  const guard = config.stopLossGuard;
  const guardScope = guard.perSymbol ? symbol : ALL_SYMBOLS;
  const guardClose = guard.perSymbol ? symbolClose : await lastCloseAt(db, accountId);
  if (guard.enabled && guardClose !== null) {
    const trades = await windowed(db, accountId, guardScope, 'stop_loss_guard', guard.lookbackMinutes, guardClose);
    proposals.push(stopLossGuard(guard, guardScope, trades, guardClose));
  }
  const stored: Selectable<RiskLocksTable>[] = [];
  for (const proposal of proposals) {
    if (proposal === null || proposal.until <= now) continue;
    const row = await insertLock(db, accountId, proposal);
    if (row) stored.push(row);
  }
  return stored;
}

/** The scope's trades in the rule's window ending at `at` (see windowStart). */
async function windowed(db: Kysely<Database>, accountId: string, scope: string, rule: LockRule, lookbackMinutes: number, at: number) {
  const after = windowStart(at, lookbackMinutes, await lastLockSince(db, accountId, scope, rule));
  return closedTrades(db, { accountId, after, atOrBefore: at, ...(scope === ALL_SYMBOLS ? {} : { symbol: scope }) });
}
