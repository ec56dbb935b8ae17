import type { GovernorAccount, RiskLimits } from '../../../../shared/contract/risk-limits.ts';
import type { AccountRow } from '../../accounts/accounts.repository.ts';
import type { LossFigures } from './account-locks.ts';
import { type AccountBook, type Exposure, openPositions } from './exposure.ts';
import type { PriceFreshness } from './price-freshness.ts';

interface StatusInput {
  account: AccountRow;
  limits: RiskLimits;
  /** False while the account has no limits stored: nothing is enforced, so nothing is "refused". */
  enforced: boolean;
  figures: LossFigures;
  book: AccountBook;
  exposure: Exposure | { problem: string };
  freshness: PriceFreshness;
}

/** One account's figures against its limits, as the Risk page shows them. */
export function accountStatus({ account, limits, enforced, figures, book, exposure, freshness }: StatusInput): GovernorAccount {
  const counted = 'problem' in exposure ? null : exposure;
  return {
    accountId: account.id,
    currency: account.currency,
    limits,
    openPositions: openPositions(book),
    totalExposure: counted?.total ?? null,
    symbolExposure: counted ? [...counted.bySymbol].map(([symbol, value]) => ({ symbol, exposure: value })) : [],
    equity: figures.equity,
    dailyLoss: figures.dailyLoss,
    dayStartedAt: figures.dayStartedAt,
    nextResetAt: figures.nextResetAt,
    drawdownPct: figures.drawdown === null ? null : Number((figures.drawdown * 100).toFixed(4)),
    peakEquity: figures.peakEquity,
    locks: figures.locks.map((l) => ({ kind: l.kind, reason: l.reason, since: l.since, until: l.until, liftable: l.kind === 'drawdown' })),
    problem: !enforced ? null : 'problem' in exposure ? exposure.problem : staleSymbol(book, limits, freshness),
  };
}

/** A held symbol whose price is older than the limit allows, in words; null when every one is fresh. */
function staleSymbol(book: AccountBook, limits: RiskLimits, freshness: PriceFreshness): string | null {
  if (limits.maxPriceAgeSeconds === null) return null;
  for (const { symbol } of book.holdings) {
    const age = freshness.ageMs(symbol);
    if (age === null || age > limits.maxPriceAgeSeconds * 1000) return `The ${symbol} price is ${age === null ? 'missing' : `${Math.round(age / 1000)} s old`} (limit ${limits.maxPriceAgeSeconds} s)`;
  }
  return null;
}
