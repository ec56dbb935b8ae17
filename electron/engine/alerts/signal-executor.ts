import type { Kysely } from 'kysely';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Order } from '../../../shared/domain/order.ts';
import type { AlertCommand } from '../../../shared/domain/webhook.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { PriceSource } from '../execution/portfolio.ts';
import { type AlertLeg, finishLeg, legsOf, type PlannedLeg, storePlan } from '../persistence/alert-legs.repository.ts';
import type { Database } from '../persistence/database.ts';
import { orderSizeProblem, showQty } from '../risk/order-size.ts';
import { alreadyClosing, closable } from '../risk/closable.ts';
import type { Protections } from '../risk/protections.ts';
import { sizeOrder } from '../accounts/sizing.ts';
import { botEntrySizer, type EntrySizer } from '../risk/sizing/bot-sizer.ts';
import { alertStopPrice } from '../risk/sizing/alert-stop.ts';
import { alertTarget, directionAfter, levelsProblem, limitPriceProblem, opensOrAdds } from './alert-checks.ts';
import { planLegs } from './alert-plan.ts';
import { protectAlertEntry } from './entry-protection.ts';

export interface Execution {
  /** `pending`: a leg's outcome is not known yet (the venue did not answer); the alert stays open. */
  outcome: 'executed' | 'refused' | 'failed' | 'pending';
  reason: string | null;
  orderIds: string[];
}

const refused = (reason: string): Execution => ({ outcome: 'refused', reason, orderIds: [] });

/** Where an alert trades, at what reference price and with how many entries allowed, or why it cannot. */
type Context = { instrument: Instrument; px: number; maxEntries: number } | { refusal: string };

/**
 * Turns a validated alert into orders for a TradingView-signal bot. Before the alert is answered,
 * `check` refuses what can be known wrong without the venue. When it is acted on, its plan (the
 * legs) is stored before the first order and then run leg by leg; recovery after a crash runs the
 * stored legs that are not done, never a plan worked out again from a changed position.
 */
export class SignalExecutor {
  readonly #db: Kysely<Database>;
  readonly #orders: OrderManager;
  readonly #protections: Protections;
  /** What the bot's account trades: its venue's instruments. */
  readonly #instruments: (accountId: string) => readonly Instrument[];
  readonly #lastPrice: PriceSource;
  readonly #accountRefusal: (accountId: string) => string | null;
  readonly #equity: (accountId: string) => Promise<number | null>;
  readonly #sizer: EntrySizer;

  constructor(deps: {
    db: Kysely<Database>;
    orders: OrderManager;
    protections: Protections;
    instruments: (accountId: string) => readonly Instrument[];
    /** Why the bot's account takes no alerts now (its market is another exchange's), or null. */
    accountRefusal?: (accountId: string) => string | null;
    lastPrice: PriceSource;
    /** The account's equity in its currency, for percent-of-equity sizing; null when it cannot be valued. */
    equity: (accountId: string) => Promise<number | null>;
    /** The symbol's risk multiplier for the account (1 when not given), applied to the bot's own sizing. */
    riskMultiplier?: (accountId: string, symbol: string) => Promise<number>;
  }) {
    this.#db = deps.db;
    this.#orders = deps.orders;
    this.#protections = deps.protections;
    this.#instruments = deps.instruments;
    this.#lastPrice = deps.lastPrice;
    this.#accountRefusal = deps.accountRefusal ?? (() => null);
    this.#equity = deps.equity;
    this.#sizer = botEntrySizer({ instruments: deps.instruments, equity: deps.equity, riskMultiplier: deps.riskMultiplier ?? (async () => 1) });
  }

  /** Why the alert cannot be traded, as far as that is known before it is answered; null when it can. */
  async check(bot: Bot, command: AlertCommand): Promise<string | null> {
    const context = this.#context(bot, command);
    if ('refusal' in context) return context.refusal;
    if (command.action === 'close_all') return null;
    const held = this.#orders.position(bot.id, bot.symbol).netQty;
    const sized = await this.#sizeAndLevels(bot, command, context, held);
    return typeof sized === 'string' ? sized : null;
  }

  /** Runs the alert's stored plan, storing it first if there is none yet. */
  async execute(bot: Bot, command: AlertCommand, alertId: number): Promise<Execution> {
    let legs = await legsOf(this.#db, alertId);
    if (legs.length === 0) {
      const plan = await this.#plan(bot, command, alertId);
      if (typeof plan === 'string') return refused(plan);
      legs = await storePlan(this.#db, plan);
    }
    return this.#run(bot, command, legs);
  }

  #context(bot: Bot, command: AlertCommand): Context {
    if (bot.strategy.kind !== 'tradingview') return { refusal: 'This bot trades its own strategy, not alerts' };
    const accountRefusal = this.#accountRefusal(bot.account);
    if (accountRefusal) return { refusal: accountRefusal };
    const target = alertTarget(bot, command.symbol, this.#instruments(bot.account));
    if ('refusal' in target) return target;
    const limit = limitPriceProblem(command);
    if (limit) return { refusal: limit };
    const px = command.price ?? this.#lastPrice(bot.symbol);
    if (px === null) return { refusal: `No price for ${bot.symbol} yet; send the alert again in a moment` };
    return { instrument: target.instrument, px, maxEntries: bot.strategy.maxEntries };
  }

  /** The alert's size in base, checked against the venue's rules and its levels against the price; or why not. */
  async #sizeAndLevels(bot: Bot, command: AlertCommand, { instrument, px }: { instrument: Instrument; px: number }, held: number): Promise<number | string> {
    const qty = await this.#size(bot, command, instrument, px, held);
    if (typeof qty === 'string') return qty;
    if (opensOrAdds(command.action) || command.amount !== null) {
      const problem = orderSizeProblem(qty, px, instrument);
      if (problem) return problem;
    }
    return levelsProblem(directionAfter(command.action, held, qty), px, command, instrument) ?? qty;
  }

  /**
   * The alert's size in the base asset and on the step: its own amount as given (accounts/sizing.ts),
   * or else the bot's sizing (risk/sizing/) with the alert's stop-loss; or the reason it cannot be traded.
   */
  async #size(bot: Bot, command: AlertCommand, instrument: Instrument, px: number, held: number): Promise<number | string> {
    // An exit without an amount closes what is held: there is nothing to size, and nothing to refuse.
    if (command.amount === null && !opensOrAdds(command.action)) return bot.orderQty;
    if (command.amount === null) {
      const sized = await this.#sizer(bot, { symbol: instrument.symbol, px, stop: alertStopPrice(command, px, held) });
      return sized.ok ? sized.value : sized.error.message;
    }
    const sized = await sizeOrder({ amount: command.amount, amountType: command.amountType, orderQty: bot.orderQty }, px, instrument, () => this.#equity(bot.account));
    return sized.ok ? sized.value : sized.error.message;
  }

  /** The legs the alert needs now, or the reason it cannot be done. */
  async #plan(bot: Bot, command: AlertCommand, alertId: number): Promise<PlannedLeg[] | string> {
    const context = this.#context(bot, command);
    if ('refusal' in context) return context.refusal;
    const legId = (leg: number) => ({ alertId, leg, clientOrderId: `sr-alert-${alertId}-${leg}` });
    if (command.action === 'close_all') return this.#planCloseAll(bot, legId);
    const position = this.#orders.position(bot.id, bot.symbol);
    const qty = await this.#sizeAndLevels(bot, command, context, position.netQty);
    if (typeof qty === 'string') return qty;
    const closing = await closable(this.#db, this.#orders, bot.id, bot.symbol);
    const legs = planLegs(command.action, { amount: command.amount, qty, position: closing, base: context.instrument.base, entries: position.tripEntries, maxEntries: context.maxEntries });
    if (typeof legs === 'string') return legs;
    const type = command.orderType === 'limit' ? 'LIMIT' : 'MARKET';
    return legs.map((leg, i) => ({ ...legId(i), symbol: bot.symbol, side: leg.side, type, qty: leg.qty, price: command.price }));
  }

  /** One market close per open position of the bot, each sized from what no close at the venue takes already. */
  async #planCloseAll({ id: botId, account }: Bot, legId: (leg: number) => Pick<PlannedLeg, 'alertId' | 'leg' | 'clientOrderId'>): Promise<PlannedLeg[] | string> {
    const open = this.#orders.positionEntries().filter((p) => p.botId === botId && p.state.netQty !== 0);
    if (open.length === 0) return 'There are no open positions to close';
    const closes: Omit<PlannedLeg, 'alertId' | 'leg' | 'clientOrderId'>[] = [];
    const inFlight: string[] = [];
    for (const { symbol } of open) {
      const { held, free, inFlight: qty } = await closable(this.#db, this.#orders, botId, symbol);
      if (free > 0) closes.push({ symbol, side: held > 0 ? 'SELL' : 'BUY', type: 'MARKET', qty: free, price: null });
      else if (held !== 0) inFlight.push(alreadyClosing(qty, this.#instruments(account).find((i) => i.symbol === symbol)?.base ?? symbol));
    }
    if (closes.length === 0) return inFlight.length > 0 ? `Nothing left to close: ${inFlight.join('; ')}` : 'There are no open positions to close';
    return closes.map((close, i) => ({ ...legId(i), ...close }));
  }

  /** Runs the legs not done yet, in order; a leg that fails stops the ones after it. */
  async #run(bot: Bot, command: AlertCommand, legs: readonly AlertLeg[]): Promise<Execution> {
    const orderIds: string[] = [];
    for (const leg of legs) {
      if (leg.status === 'failed') return { outcome: 'failed', reason: leg.reason, orderIds: [...orderIds, leg.clientOrderId] };
      orderIds.push(leg.clientOrderId);
      if (leg.status === 'done') continue;
      // A leg placed before a crash is found by its id and returned as stored, not placed again.
      const order = await this.#orders.place({ botId: bot.id, symbol: leg.symbol, side: leg.side, type: leg.type, qty: leg.qty, price: leg.price, clientOrderId: leg.clientOrderId, source: 'alert' });
      if (order.status === 'PENDING_SUBMIT') {
        // Its levels wait for its fill meanwhile; they are handed over again when the alert is resumed.
        await this.#protect(bot, command, legs);
        return { outcome: 'pending', reason: `${describe(leg, legs.length)} awaits the venue's answer`, orderIds };
      }
      const failure = failureOf(order, leg, legs.length);
      await finishLeg(this.#db, leg.alertId, leg.leg, failure ? 'failed' : 'done', failure);
      if (failure) return { outcome: 'failed', reason: failure, orderIds };
    }
    await this.#protect(bot, command, legs);
    return { outcome: 'executed', reason: null, orderIds };
  }

  /**
   * After the orders: the alert's levels go to the position it opens, armed when its entry fills
   * (at once for a filled market order, later for a resting limit). A close or a flip drops the
   * old position's levels as its fill lands (Protections does), so none are carried over.
   */
  #protect(bot: Bot, command: AlertCommand, legs: readonly AlertLeg[]): Promise<void> {
    return protectAlertEntry({ db: this.#db, orders: this.#orders, protections: this.#protections }, bot.id, command, legs);
  }
}

const describe = (leg: AlertLeg, of: number) => `Leg ${leg.leg + 1} of ${of} (${leg.side} ${showQty(leg.qty)} ${leg.symbol})`;

/** Why a placed leg did not go through, in the trader's words; null when the venue took it. */
function failureOf(order: Order, leg: AlertLeg, of: number): string | null {
  if (order.status !== 'REJECTED' && order.status !== 'CANCELED' && order.status !== 'EXPIRED') return null;
  const why = order.rejectReason ?? `the order was ${order.status.toLowerCase()}`;
  if (of === 1) return why;
  const rest = of - leg.leg - 1;
  return `${describe(leg, of)} failed: ${why}${rest > 0 ? `; the ${rest === 1 ? 'leg' : `${rest} legs`} after it ${rest === 1 ? 'was' : 'were'} not placed` : ''}`;
}
