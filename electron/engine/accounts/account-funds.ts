import type { Kysely } from 'kysely';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Database } from '../persistence/database.ts';
import { type AccountRow, openOrdersOfAccount } from './accounts.repository.ts';
import { readTotals } from './balances.repository.ts';
import { type FundingOrder, Funds } from './funds.ts';
import type { PriceSource } from '../execution/portfolio.ts';
import { currencyMarks, type CurrencyMark } from './valuation.ts';

/** What accounts need to know of the market: the instruments, their last prices and the fee of a taker. */
export interface AccountMarket {
  instruments: readonly Instrument[];
  lastPrice: PriceSource;
  takerFee: number;
}

export interface AccountState {
  totals: Map<string, number>;
  mark: CurrencyMark;
  /** The funds after the open orders' reservations, or why they cannot be counted. */
  funds: Funds | string;
  openOrders: number;
}

/** Reads the account's current balances (and open orders, unless given) and derives its reservations: nothing is stored. */
export async function loadAccountState(db: Kysely<Database>, account: AccountRow, market: AccountMarket, given?: readonly FundingOrder[]): Promise<AccountState> {
  const totals = await readTotals(db, account.id, account.epoch);
  const openOrders = given ?? (await openOrdersOfAccount(db, account.id));
  const mark = currencyMarks(account.currency, market.instruments, market.lastPrice);
  const instruments = new Map(market.instruments.map((i) => [i.symbol, i]));
  const funds = Funds.of({ currency: account.currency, totals, instruments, lastPrice: market.lastPrice, mark, takerFee: market.takerFee }, openOrders);
  return { totals, mark, funds, openOrders: openOrders.length };
}
