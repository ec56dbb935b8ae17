import { QUOTE_DECIMALS, roundTo } from '../execution/precision.ts';
import type { Kysely } from 'kysely';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { Database } from '../persistence/database.ts';
import { type AccountMarket, loadAccountState } from './account-funds.ts';
import { type AccountRow, findEpoch, readStartingBalances } from './accounts.repository.ts';
import { equityOf } from './valuation.ts';

/** Currencies the account can hold: its own, every base quoted in it, and anything it holds already. */
export function currenciesOf(account: AccountRow, market: AccountMarket, held: Iterable<string> = []): string[] {
  const bases = market.instruments.filter((i) => i.quote === account.currency).map((i) => i.base);
  return [...new Set([account.currency, ...bases, ...held])];
}

/** What the Account panel shows: balances (total, reserved, free), equity, and the epoch they belong to. */
export async function summarize(db: Kysely<Database>, account: AccountRow, market: AccountMarket): Promise<AccountSummary> {
  const state = await loadAccountState(db, account, market);
  const epoch = await findEpoch(db, account.id, account.epoch);
  const funds = typeof state.funds === 'string' ? null : state.funds;
  const balances = funds ? funds.balances() : [...state.totals].map(([currency, total]) => ({ currency, total, reserved: 0, free: total }));
  return {
    id: account.id,
    kind: account.kind,
    currency: account.currency,
    epoch: account.epoch,
    epochStartedAt: epoch?.startedAt ?? 0,
    balances: balances.sort((a, b) => (a.currency === account.currency ? -1 : b.currency === account.currency ? 1 : a.currency.localeCompare(b.currency))),
    equity: equityOf(state.totals, state.mark),
    openOrders: funds?.reservingOrders(account.currency) ?? 0,
    reservedByOrders: roundTo(funds?.reserved(account.currency) ?? 0, QUOTE_DECIMALS),
    heldForShorts: roundTo(funds?.heldForShorts ?? 0, QUOTE_DECIMALS),
    startingBalances: await readStartingBalances(db, account.id),
    currencies: currenciesOf(account, market, state.totals.keys()),
  };
}
