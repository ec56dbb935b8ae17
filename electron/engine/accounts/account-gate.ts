import { QUOTE_DECIMALS, roundTo } from '../execution/precision.ts';
import type { Kysely } from 'kysely';
import type { Order } from '../../../shared/domain/order.ts';
import type { OrderGate } from '../execution/order-manager.ts';
import type { Database } from '../persistence/database.ts';
import type { VenueFill } from '../venues/venue.ts';
import { type AccountMarket, loadAccountState } from './account-funds.ts';
import { accountOfBot, botNetQty, openOrdersOfAccount } from './accounts.repository.ts';
import { BASE_DECIMALS } from './amounts.ts';
import { insertEntryOnce, readTotals, writeTotals } from './balances.repository.ts';
import type { EquityRecorder } from './equity-recorder.ts';
import { fillDeltas } from './fill-balances.ts';

/** Float noise allowed when comparing what an order needs with what is free. */
const EPSILON = 1e-9;

/**
 * The gate between the order path and the account ledger: refuses an order the bot's account
 * cannot pay for (with the numbers), and moves the balances by every fill and fee.
 */
export class LedgerAccountGate implements OrderGate {
  readonly #market: AccountMarket;
  readonly #equity: EquityRecorder | undefined;

  constructor(deps: { market: AccountMarket; equity?: EquityRecorder }) {
    this.#market = deps.market;
    this.#equity = deps.equity;
  }

  async admit(trx: Kysely<Database>, order: Order): Promise<string | null> {
    const account = await accountOfBot(trx, order.botId);
    if (!account) return 'The bot’s account is not set up';
    // An exchange holds its account's funds and refuses what they cannot pay for, with its own reason.
    if (account.kind === 'exchange') return null;
    const others = await openOrdersOfAccount(trx, account.id, order.clientOrderId);
    if (await this.#onlyReduces(trx, order, others)) return null;
    const state = await loadAccountState(trx, account, this.#market, others);
    if (typeof state.funds === 'string') return state.funds;
    const need = state.funds.need(order);
    if (typeof need === 'string') return need;
    return need.amount <= state.funds.free(need.currency) + EPSILON ? null : state.funds.refusal(need);
  }

  async applyFill(trx: Kysely<Database>, order: Order, fill: VenueFill): Promise<void> {
    const account = await accountOfBot(trx, order.botId);
    if (!account) throw new Error(`A fill of ${order.clientOrderId} belongs to no account: bot ${order.botId} names one that is not set up`);
    if (account.kind === 'exchange') return; // its balances are the exchange's, read from its venue
    const [base, quote] = this.#currencies(order.symbol);
    const { baseDelta, quoteDelta } = fillDeltas(order.side, fill);
    const entry = { fillId: fill.fillId, clientOrderId: order.clientOrderId, accountId: account.id, epoch: account.epoch, ts: fill.ts, baseCurrency: base, baseDelta, quoteCurrency: quote, quoteDelta, fee: fill.fee };
    if (!(await insertEntryOnce(trx, entry))) return;
    // Minutes sampled before this fill are valued with the balances before it.
    await this.#equity?.flushIn(trx);
    const totals = await readTotals(trx, account.id, account.epoch);
    totals.set(base, roundTo((totals.get(base) ?? 0) + baseDelta, BASE_DECIMALS));
    totals.set(quote, roundTo((totals.get(quote) ?? 0) + quoteDelta, QUOTE_DECIMALS));
    await writeTotals(trx, account.id, account.epoch, [base, quote].map((currency) => ({ currency, total: totals.get(currency) ?? 0 })));
    await this.#equity?.recordIn(trx, account, fill.ts, totals);
  }

  /**
   * An order that only brings the bot's position towards flat (with the bot's other open orders
   * on that side) is never refused for lack of funds: a stop-loss must always be able to close.
   */
  async #onlyReduces(trx: Kysely<Database>, order: Order, openOrders: readonly Order[]): Promise<boolean> {
    const held = await botNetQty(trx, order.botId, order.symbol);
    const reducible = order.side === 'SELL' ? held : -held;
    if (reducible <= 0) return false;
    const sameSide = openOrders.filter((o) => o.botId === order.botId && o.symbol === order.symbol && o.side === order.side);
    const pending = sameSide.reduce((sum, o) => sum + Math.max(0, o.qty - o.filledQty), 0);
    return order.qty + pending <= reducible + EPSILON;
  }

  #currencies(symbol: string): [string, string] {
    const instrument = this.#market.instruments.find((i) => i.symbol === symbol);
    if (instrument) return [instrument.base, instrument.quote];
    const [base, quote] = symbol.split('/');
    if (!base || !quote) throw new Error(`Cannot tell the currencies of ${symbol}`);
    return [base, quote];
  }
}
