import type { Kysely } from 'kysely';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Order } from '../../../shared/domain/order.ts';
import type { AlertCommand, PriceLevel } from '../../../shared/domain/webhook.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { PriceSource } from '../execution/portfolio.ts';
import { roundPriceToTick } from '../execution/precision.ts';
import { type AlertLeg, finishLeg, legsOf, type PlannedLeg, storePlan } from '../persistence/alert-legs.repository.ts';
import type { Database } from '../persistence/database.ts';
import { orderSizeProblem, showQty } from '../risk/order-size.ts';
import type { Protections } from '../risk/protections.ts';
import { sizeOrder } from '../accounts/sizing.ts';
import { alertTarget, directionAfter, levelsProblem, limitPriceProblem, opensOrAdds } from './alert-checks.ts';
import { planLegs } from './alert-plan.ts';

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
  readonly #instruments: readonly Instrument[];
  readonly #lastPrice: PriceSource;
  readonly #equity: (accountId: string) => Promise<number | null>;

  constructor(deps: {
    db: Kysely<Database>;
    orders: OrderManager;
    protections: Protections;
    instruments: readonly Instrument[];
    lastPrice: PriceSource;
    /** The account's equity in its currency, for percent-of-equity sizing; null when it cannot be valued. */
    equity: (accountId: string) => Promise<number | null>;
  }) {
    this.#db = deps.db;
    this.#orders = deps.orders;
    this.#protections = deps.protections;
    this.#instruments = deps.instruments;
    this.#lastPrice = deps.lastPrice;
    this.#equity = deps.equity;
  }

  /** Why the alert cannot be traded, as far as that is known before it is answered; null when it can. */
  async check(bot: Bot, command: AlertCommand): Promise<string | null> {
    const context = this.#context(bot, command);
    if ('refusal' in context) return context.refusal;
    if (command.action === 'close_all') return null;
    const held = this.#orders.position(bot.id, bot.symbol).netQty;
    return this.#sizeAndLevels(bot, command, context, held);
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
    const target = alertTarget(bot, command.symbol, this.#instruments);
    if ('refusal' in target) return target;
    const limit = limitPriceProblem(command);
    if (limit) return { refusal: limit };
    const px = command.price ?? this.#lastPrice(bot.symbol);
    if (px === null) return { refusal: `No price for ${bot.symbol} yet; send the alert again in a moment` };
    return { instrument: target.instrument, px, maxEntries: bot.strategy.maxEntries };
  }

  async #sizeAndLevels(bot: Bot, command: AlertCommand, { instrument, px }: { instrument: Instrument; px: number }, held: number): Promise<string | null> {
    const qty = await this.#size(bot, command, instrument, px);
    if (typeof qty === 'string') return qty;
    if (opensOrAdds(command.action) || command.amount !== null) {
      const problem = orderSizeProblem(qty, px, instrument);
      if (problem) return problem;
    }
    return levelsProblem(directionAfter(command.action, held, qty), px, command, instrument);
  }

  /**
   * The one call into sizing (accounts/sizing.ts): the alert's amount, or the bot's order size, in
   * the base asset and on the step; or the reason it cannot be traded.
   */
  async #size(bot: Bot, command: AlertCommand, instrument: Instrument, px: number): Promise<number | string> {
    // An exit without an amount closes what is held: there is nothing to size, and nothing to refuse.
    if (command.amount === null && !opensOrAdds(command.action)) return bot.orderQty;
    const sized = await sizeOrder({ amount: command.amount, amountType: command.amountType, orderQty: bot.orderQty }, px, instrument, () => this.#equity(bot.account));
    return sized.ok ? sized.value : sized.error.message;
  }

  /** The legs the alert needs now, or the reason it cannot be done. */
  async #plan(bot: Bot, command: AlertCommand, alertId: number): Promise<PlannedLeg[] | string> {
    const context = this.#context(bot, command);
    if ('refusal' in context) return context.refusal;
    const legId = (leg: number) => ({ alertId, leg, clientOrderId: `sr-alert-${alertId}-${leg}` });
    if (command.action === 'close_all') {
      const open = this.#orders.positionEntries().filter((p) => p.botId === bot.id && p.state.netQty !== 0);
      if (open.length === 0) return 'There are no open positions to close';
      return open.map(({ symbol, state }, i) => ({ ...legId(i), symbol, side: state.netQty > 0 ? 'SELL' : 'BUY', type: 'MARKET', qty: Math.abs(state.netQty), price: null }));
    }
    const position = this.#orders.position(bot.id, bot.symbol);
    const problem = await this.#sizeAndLevels(bot, command, context, position.netQty);
    if (problem) return problem;
    const qty = await this.#size(bot, command, context.instrument, context.px);
    if (typeof qty === 'string') return qty;
    const legs = planLegs(command.action, command.amount, position.netQty, qty, position.tripEntries, context.maxEntries);
    if (typeof legs === 'string') return legs;
    const type = command.orderType === 'limit' ? 'LIMIT' : 'MARKET';
    return legs.map((leg, i) => ({ ...legId(i), symbol: bot.symbol, side: leg.side, type, qty: leg.qty, price: command.price }));
  }

  /** Runs the legs not done yet, in order; a leg that fails stops the ones after it. */
  async #run(bot: Bot, command: AlertCommand, legs: readonly AlertLeg[]): Promise<Execution> {
    const orderIds: string[] = [];
    for (const leg of legs) {
      if (leg.status === 'failed') return { outcome: 'failed', reason: leg.reason, orderIds: [...orderIds, leg.clientOrderId] };
      orderIds.push(leg.clientOrderId);
      if (leg.status === 'done') continue;
      // A leg placed before a crash is found by its id and returned as stored, not placed again.
      const order = await this.#orders.place({ botId: bot.id, symbol: leg.symbol, side: leg.side, type: leg.type, qty: leg.qty, price: leg.price, clientOrderId: leg.clientOrderId });
      if (order.status === 'PENDING_SUBMIT') return { outcome: 'pending', reason: `${describe(leg, legs.length)} awaits the venue's answer`, orderIds };
      const failure = failureOf(order, leg, legs.length);
      await finishLeg(this.#db, leg.alertId, leg.leg, failure ? 'failed' : 'done', failure);
      if (failure) {
        await this.#clearIfFlat(bot.id, legs);
        return { outcome: 'failed', reason: failure, orderIds };
      }
    }
    if (command.action === 'close_all') await this.#clearIfFlat(bot.id, legs);
    else await this.#protect(bot.id, bot.symbol, command);
    return { outcome: 'executed', reason: null, orderIds };
  }

  async #clearIfFlat(botId: string, legs: readonly AlertLeg[]): Promise<void> {
    for (const symbol of new Set(legs.map((l) => l.symbol))) if (this.#orders.position(botId, symbol).netQty === 0) await this.#protections.clear(botId, symbol);
  }

  /** After the orders: levels from the alert are set from the entry price; a flat position has none. */
  async #protect(botId: string, symbol: string, command: AlertCommand): Promise<void> {
    const position = this.#orders.position(botId, symbol);
    if (position.netQty === 0) return this.#protections.clear(botId, symbol);
    if (!command.stopLoss && !command.takeProfit) return;
    const instrument = this.#instruments.find((i) => i.symbol === symbol);
    const direction = position.netQty > 0 ? 1 : -1;
    const level = (given: PriceLevel | null, towards: 1 | -1): number | null => {
      if (!given) return null;
      const px = given.price ?? position.avgPxOpen * (1 + (towards * direction * (given.percent ?? 0)) / 100);
      return instrument ? roundPriceToTick(px, instrument) : px;
    };
    const current = this.#protections.get(botId, symbol);
    await this.#protections.set(botId, symbol, {
      stopLoss: level(command.stopLoss, -1) ?? current?.stopLoss ?? null,
      takeProfit: level(command.takeProfit, 1) ?? current?.takeProfit ?? null,
    });
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
