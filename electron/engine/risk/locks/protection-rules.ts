import type { LockRule, ProtectionConfig } from '../../../../shared/contract/risk-locks.ts';
import type { ClosedTrade } from './closed-trades.ts';
import { percent, utcTime } from './lock-words.ts';

export const MINUTE_MS = 60_000;

/** A lock a rule asks for; `since` is the close that set it off, so the same close never locks twice. */
export interface LockProposal {
  symbol: string;
  rule: LockRule;
  reason: string;
  since: number;
  until: number;
}

/**
 * Where a rule's window starts, exclusive (freqtrade counts trades closed after now - lookback): the
 * lookback, but never before the last lock this rule set on this scope, so the trades that set off a
 * lock (even one the trader lifted) do not set off the next one; fresh trades must.
 */
export function windowStart(at: number, lookbackMinutes: number, lastLockSince: number | null): number {
  const lookback = at - lookbackMinutes * MINUTE_MS;
  return lastLockSince === null ? lookback : Math.max(lookback, lastLockSince);
}

/** StoplossGuard: enough protective closes at a loss in the window lock the scope (one symbol, or '*'). */
export function stopLossGuard(config: ProtectionConfig['stopLossGuard'], scope: string, windowed: readonly ClosedTrade[], at: number): LockProposal | null {
  if (!config.enabled) return null;
  const stopOuts = windowed.filter((trade) => trade.byProtection && trade.realizedPnl < 0).length;
  if (stopOuts < config.tradeLimit) return null;
  const reason = `${stopOuts} stop-loss${stopOuts === 1 ? '' : 'es'} within ${config.lookbackMinutes} min (stop-loss guard)`;
  return { symbol: scope, rule: 'stop_loss_guard', reason, since: at, until: at + config.lockMinutes * MINUTE_MS };
}

/** CooldownPeriod: the symbol rests after each close. */
export function cooldown(config: ProtectionConfig['cooldown'], symbol: string, closedAt: number): LockProposal | null {
  if (!config.enabled) return null;
  const reason = `${config.lockMinutes} min cooldown after the position closed at ${utcTime(closedAt, closedAt)} (cooldown)`;
  return { symbol, rule: 'cooldown', reason, since: closedAt, until: closedAt + config.lockMinutes * MINUTE_MS };
}

/**
 * LowProfitPairs: with at least `tradeLimit` trades in the window, net P&L over the entries' value
 * under `requiredProfit` locks the symbol. A ratio that cannot be computed locks too (fail closed).
 */
export function lowProfit(config: ProtectionConfig['lowProfit'], symbol: string, windowed: readonly ClosedTrade[], at: number): LockProposal | null {
  if (!config.enabled || windowed.length < config.tradeLimit) return null;
  const pnl = windowed.reduce((sum, trade) => sum + trade.realizedPnl, 0);
  const value = windowed.reduce((sum, trade) => sum + trade.entryValue, 0);
  const ratio = pnl / value;
  if (ratio >= config.requiredProfit) return null;
  const made = Number.isFinite(ratio) ? percent(ratio) : 'an unknown profit';
  const reason = `${windowed.length} trade${windowed.length === 1 ? '' : 's'} within ${config.lookbackMinutes} min made ${made} (${Number(pnl.toPrecision(6))} net), under the required ${percent(config.requiredProfit)} (low-profit lock)`;
  return { symbol, rule: 'low_profit', reason, since: at, until: at + config.lockMinutes * MINUTE_MS };
}
