import type { Kysely } from 'kysely';
import type { AccountSummary, EquityPoint, StartingBalance } from '../../../shared/domain/account.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { appendAudit } from '../persistence/audit.repository.ts';
import type { Database } from '../persistence/database.ts';
import type { Clock } from '../ports/clock.ts';
import { type AccountMarket, loadAccountState } from './account-funds.ts';
import { currenciesOf, summarize } from './account-summary.ts';
import { findAccount, heldPositions, listAccounts, openOrdersOfAccount, readStartingBalances, replaceStartingBalances } from './accounts.repository.ts';
import { startEpoch } from './balances.repository.ts';
import { equitySeries } from './equity.repository.ts';
import type { EquityRecorder } from './equity-recorder.ts';
import { resetBlockers } from './reset-blockers.ts';
import { equityOf } from './valuation.ts';
import { orderSizeProblem } from '../risk/order-size.ts';

const noAccount = (id: string) => fail('NOT_FOUND', `No account ${id}`);

/** Flattens positions no order can close, at the last price (OrderManager.writeOffDust). */
export type WriteOffDust = (positions: readonly { botId: string; symbol: string }[]) => Promise<void>;

/** Accounts as the API sees them: summaries, equity, starting balances and the reset. */
export class AccountService {
  readonly #db: Kysely<Database>;
  readonly #market: AccountMarket;
  readonly #clock: Clock;
  readonly #marketClock: Clock;
  readonly #equity: EquityRecorder;
  readonly #writeOff: WriteOffDust;

  constructor(deps: { db: Kysely<Database>; market: AccountMarket; clock: Clock; marketClock: Clock; equity: EquityRecorder; writeOff: WriteOffDust }) {
    this.#db = deps.db;
    this.#market = deps.market;
    this.#clock = deps.clock;
    this.#marketClock = deps.marketClock;
    this.#equity = deps.equity;
    this.#writeOff = deps.writeOff;
  }

  async list(): Promise<AccountSummary[]> {
    return Promise.all((await listAccounts(this.#db)).map((account) => summarize(this.#db, account, this.#market)));
  }

  async summary(id: string): Promise<Result<AccountSummary>> {
    const account = await findAccount(this.#db, id);
    return account ? ok(await summarize(this.#db, account, this.#market)) : noAccount(id);
  }

  /** Equity now, for sizing by percent of equity; null when the account is unknown or cannot be priced. */
  async equity(id: string): Promise<number | null> {
    const account = await findAccount(this.#db, id);
    if (!account) return null;
    const state = await loadAccountState(this.#db, account, this.#market);
    return equityOf(state.totals, state.mark);
  }

  async series(id: string, range: { from?: number | undefined; to?: number | undefined; limit: number }): Promise<Result<EquityPoint[]>> {
    if (!(await findAccount(this.#db, id))) return noAccount(id);
    return ok(await equitySeries(this.#db, id, range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER, range.limit));
  }

  /** Sets the balances the next reset starts from; the current balances are left alone. */
  async configure(id: string, startingBalances: readonly StartingBalance[]): Promise<Result<AccountSummary>> {
    const account = await findAccount(this.#db, id);
    if (!account) return noAccount(id);
    const allowed = currenciesOf(account, this.#market);
    const unknown = startingBalances.findIndex((b) => !allowed.includes(b.currency));
    if (unknown >= 0) {
      const message = `This account cannot hold ${startingBalances[unknown]?.currency}; it holds ${allowed.join(', ')}`;
      return fail('INVALID_INPUT', message, [{ path: ['startingBalances', unknown, 'currency'], message }]);
    }
    const kept = startingBalances.filter((b) => b.amount > 0);
    if (kept.length === 0) return fail('INVALID_INPUT', 'Give at least one starting balance above zero', [{ path: ['startingBalances'], message: 'All starting balances are zero' }]);
    await this.#db.transaction().execute(async (trx) => {
      await replaceStartingBalances(trx, id, kept);
      await appendAudit(trx, this.#clock.now(), { action: 'account.configure', entity: 'account', entityId: id, detail: { startingBalances: kept } });
    });
    return this.summary(id);
  }

  /**
   * Starts a new epoch from the configured starting balances. Refused while the account's bots
   * hold positions or have open orders: their fills would land in an epoch they did not start in.
   */
  async reset(id: string): Promise<Result<AccountSummary>> {
    // A remainder no order can close (under the step or the minimum order value) cannot block a
    // reset for ever: it is written off at the last price, and the new start leaves it behind.
    const dust = (await heldPositions(this.#db, id)).filter((p) => this.#isDust(p));
    if (dust.length > 0 && !resetBlockers(await openOrdersOfAccount(this.#db, id), [])) await this.#writeOff(dust);
    const outcome = await this.#db.transaction().execute(async (trx): Promise<Result<null>> => {
      const account = await findAccount(trx, id);
      if (!account) return noAccount(id);
      const blockers = resetBlockers(await openOrdersOfAccount(trx, id), await heldPositions(trx, id));
      if (blockers) return fail('CONFLICT', blockers);
      const startedAt = this.#marketClock.now();
      const epoch = await startEpoch(trx, id, account.epoch, startedAt, await readStartingBalances(trx, id));
      await appendAudit(trx, this.#clock.now(), { action: 'account.reset', entity: 'account', entityId: id, detail: { epoch, startedAt } });
      await this.#equity.recordIn(trx, { ...account, epoch }, startedAt);
      return ok(null);
    });
    return outcome.ok ? this.summary(id) : outcome;
  }

  #isDust({ symbol, netQty }: { symbol: string; netQty: number }): boolean {
    const instrument = this.#market.instruments.find((i) => i.symbol === symbol);
    const px = this.#market.lastPrice(symbol);
    return instrument !== undefined && px !== null && orderSizeProblem(Math.abs(netQty), px, instrument) !== null;
  }
}
