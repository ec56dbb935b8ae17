import type { Kysely } from 'kysely';
import type { RiskLimits } from '../../../../shared/contract/risk-limits.ts';
import type { AccountRow } from '../../accounts/accounts.repository.ts';
import { findEpoch } from '../../accounts/accounts.repository.ts';
import { QUOTE_DECIMALS, roundTo } from '../../execution/precision.ts';
import type { Database } from '../../persistence/database.ts';
import { dayStart, nextReset } from './day-boundary.ts';
import { type DrawdownFolds, firstAtOrBelow, openingEquity } from './equity-figures.ts';
import { insertLock, lastDrawdownLift, locksInForce, type StoredLock } from './locks.repository.ts';
import { dailyLossReason, drawdownReason } from './messages.ts';

export interface LossFigures {
  equity: number | null;
  dailyLoss: number | null;
  dayStartedAt: number;
  nextResetAt: number;
  /** Current fall from the peak, as a fraction; null when equity cannot be counted or no limit is set. */
  drawdown: number | null;
  peakEquity: number | null;
  locks: StoredLock[];
  /** Locks engaged by this evaluation: the trader is told of each once. */
  engaged: StoredLock[];
}

interface Inputs {
  trx: Kysely<Database>;
  account: AccountRow;
  limits: RiskLimits;
  /** Market time: the clock the equity series is recorded in. */
  now: number;
  /** Equity now, open positions at their mark; null when a holding cannot be priced. */
  equity: number | null;
  drawdowns: DrawdownFolds;
}

/**
 * The daily loss and drawdown figures, from the stored equity series plus the live mark (so a
 * restart mid-day counts the same loss), engaging a lock the first time a limit is met. A lock
 * stays in force once engaged: a loss recovered within the day does not reopen entries.
 */
export async function evaluateLossLocks(input: Inputs): Promise<LossFigures> {
  const { trx, account, limits, now, equity, drawdowns } = input;
  const dayStartedAt = dayStart(now, limits.dailyResetTime, limits.timeZone);
  const nextResetAt = nextReset(now, limits.dailyResetTime, limits.timeZone);
  let locks = await locksInForce(trx, account.id, now);
  const engaged: StoredLock[] = [];
  const engage = async (lock: Omit<StoredLock, 'id' | 'liftedAt' | 'liftedBy' | 'accountId'>) => {
    await insertLock(trx, { accountId: account.id, ...lock });
    engaged.push({ id: 0, accountId: account.id, liftedAt: null, liftedBy: null, ...lock });
  };

  const span = { accountId: account.id, epoch: account.epoch, from: dayStartedAt, to: now };
  const opening = await openingEquity(trx, span);
  const dailyLoss = opening !== null && equity !== null ? roundTo(opening - equity, QUOTE_DECIMALS) : null;
  const { dailyLossLimit: lossLimit, maxDrawdownPct } = limits;
  if (lossLimit !== null && opening !== null && !locks.some((l) => l.kind === 'daily_loss')) {
    const recorded = await firstAtOrBelow(trx, span, opening - lossLimit);
    const reached = recorded ? { ts: recorded.ts, loss: roundTo(opening - recorded.equity, QUOTE_DECIMALS) } : dailyLoss !== null && dailyLoss >= lossLimit ? { ts: now, loss: dailyLoss } : null;
    if (reached) {
      await engage({ kind: 'daily_loss', since: reached.ts, until: nextResetAt, reason: dailyLossReason(lossLimit, reached.loss, account.currency, reached.ts, dayStartedAt, nextResetAt, limits.timeZone) });
    }
  }

  let drawdown: number | null = null;
  let peakEquity: number | null = null;
  if (maxDrawdownPct !== null) {
    const limit = maxDrawdownPct / 100;
    const epochStart = (await findEpoch(trx, account.id, account.epoch))?.startedAt ?? 0;
    const from = Math.max(epochStart, (await lastDrawdownLift(trx, account.id)) ?? Number.NEGATIVE_INFINITY);
    const recorded = await drawdowns.recorded(trx, { accountId: account.id, epoch: account.epoch, from, to: now }, limit);
    peakEquity = Math.max(recorded?.peak ?? Number.NEGATIVE_INFINITY, equity ?? Number.NEGATIVE_INFINITY);
    if (!Number.isFinite(peakEquity)) peakEquity = null;
    drawdown = peakEquity !== null && peakEquity > 0 && equity !== null ? (peakEquity - equity) / peakEquity : null;
    const liveBeyond = peakEquity !== null && peakEquity > 0 && equity !== null && peakEquity - equity > limit * peakEquity;
    const beyond = recorded?.firstBeyond ?? (liveBeyond && peakEquity !== null && equity !== null ? { ts: now, equity, peak: peakEquity } : null);
    if (beyond && !locks.some((l) => l.kind === 'drawdown')) {
      const fall = (beyond.peak - beyond.equity) / beyond.peak;
      await engage({ kind: 'drawdown', since: beyond.ts, until: null, reason: drawdownReason(maxDrawdownPct, fall, beyond.equity, beyond.peak, account.currency, beyond.ts, limits.timeZone) });
    }
  }
  if (engaged.length > 0) locks = await locksInForce(trx, account.id, now);
  return { equity, dailyLoss, dayStartedAt, nextResetAt, drawdown, peakEquity, locks, engaged };
}
