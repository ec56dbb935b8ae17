import type { Bot } from '../../../shared/domain/bot.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { OrderSide } from '../../../shared/domain/order.ts';
import type { AlertAction, AlertCommand, PriceLevel } from '../../../shared/domain/webhook.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { PriceSource } from '../execution/portfolio.ts';
import { roundPriceToTick } from '../execution/precision.ts';
import type { Protections } from '../risk/protections.ts';
import { sizeOrder } from '../accounts/sizing.ts';
import { resolveSymbol } from './ticker.ts';

export interface Execution {
  outcome: 'executed' | 'refused' | 'failed';
  reason: string | null;
  orderIds: string[];
}

type Leg = { side: OrderSide; qty: number };

const refused = (reason: string): Execution => ({ outcome: 'refused', reason, orderIds: [] });

/**
 * Turns a validated alert into orders for a TradingView-signal bot: open, add (up to the bot's
 * entry limit), partial close, close, close all, reverse; then attaches the alert's stop-loss and
 * take-profit. Orders take the same path as every other bot's.
 */
export class SignalExecutor {
  readonly #orders: OrderManager;
  readonly #protections: Protections;
  readonly #instruments: readonly Instrument[];
  readonly #lastPrice: PriceSource;
  readonly #equity: (accountId: string) => Promise<number | null>;

  constructor(deps: { orders: OrderManager; protections: Protections; instruments: readonly Instrument[]; lastPrice: PriceSource; equity: (accountId: string) => Promise<number | null> }) {
    this.#orders = deps.orders;
    this.#protections = deps.protections;
    this.#instruments = deps.instruments;
    this.#lastPrice = deps.lastPrice;
    this.#equity = deps.equity;
  }

  /**
   * Orders get ids derived from the alert (`sr-alert-<id>-<leg>`), so executing the same alert
   * again after a crash finds the orders it already placed instead of doubling them.
   */
  async execute(bot: Bot, command: AlertCommand, alertId: number): Promise<Execution> {
    if (bot.strategy.kind !== 'tradingview') return refused('This bot trades its own strategy, not alerts');
    const legId = (leg: number) => `sr-alert-${alertId}-${leg}`;
    const action = command.action;
    if (action === 'close_all') return this.#closeAll(bot, legId);
    const symbol = command.symbol === null ? bot.symbol : resolveSymbol(command.symbol, this.#instruments);
    if (!symbol) return refused(`Unknown symbol ${command.symbol}; this venue trades ${this.#instruments.map((i) => i.symbol).join(', ')}`);
    const refPx = command.price ?? this.#lastPrice(symbol);
    if (refPx === null) return refused(`No price for ${symbol} yet`);

    const position = this.#orders.position(bot.id, symbol);
    const held = position.netQty;
    const qty = await this.#quantity(bot, command, symbol, refPx);
    if (typeof qty === 'string') return refused(qty);
    const plan = this.#plan(action, command.amount, held, qty, position.tripEntries, bot.strategy.maxEntries);
    if (typeof plan === 'string') return refused(plan);

    const orderIds: string[] = [];
    for (const [index, leg] of plan.entries()) {
      const type = command.orderType === 'limit' ? 'LIMIT' : 'MARKET';
      const order = await this.#orders.place({ botId: bot.id, symbol, side: leg.side, type, qty: leg.qty, price: command.price, clientOrderId: legId(index) });
      orderIds.push(order.clientOrderId);
      if (order.status === 'REJECTED') return { outcome: 'failed', reason: order.rejectReason, orderIds };
    }
    await this.#protect(bot.id, symbol, command);
    return { outcome: 'executed', reason: null, orderIds };
  }

  /** The order size in base asset, or the reason it cannot be traded (see accounts/sizing.ts). */
  async #quantity(bot: Bot, command: AlertCommand, symbol: string, px: number): Promise<number | string> {
    // An exit without an amount closes what is held: there is nothing to size, and nothing to refuse.
    if (command.amount === null && (command.action === 'close' || command.action === 'exit_long' || command.action === 'exit_short')) return 0;
    const instrument = this.#instruments.find((i) => i.symbol === symbol);
    if (!instrument) return `Unknown symbol ${symbol}`;
    const sized = await sizeOrder({ amount: command.amount, amountType: command.amountType, orderQty: bot.orderQty }, px, instrument, () => this.#equity(bot.account));
    return sized.ok ? sized.value : sized.error.message;
  }

  /** The orders an action needs, or the reason it cannot be done. */
  #plan(action: Exclude<AlertAction, 'close_all'>, amount: number | null, held: number, qty: number, entries: number, maxEntries: number): Leg[] | string {
    const close = (upTo: number | null): Leg => ({ side: held > 0 ? 'SELL' : 'BUY', qty: Math.min(upTo ?? Math.abs(held), Math.abs(held)) });
    // Exits close everything unless the alert gave an amount: then only that much.
    const exitQty = amount === null ? null : qty;
    const adds = (side: OrderSide) => (side === 'BUY' && held > 0) || (side === 'SELL' && held < 0);
    const full = `The position already has ${entries} of ${maxEntries} allowed entries`;
    /** buy/sell trade the amount as given; long/short first close an opposite position. */
    const enter = (side: OrderSide, flipFirst: boolean): Leg[] | string => {
      if (adds(side) && entries >= maxEntries) return full;
      const opposite = held !== 0 && !adds(side);
      return flipFirst && opposite ? [close(null), { side, qty }] : [{ side, qty }];
    };
    switch (action) {
      case 'buy':
        return enter('BUY', false);
      case 'sell':
        return enter('SELL', false);
      case 'long':
        return enter('BUY', true);
      case 'short':
        return enter('SELL', true);
      case 'exit_long':
        return held > 0 ? [close(exitQty)] : 'There is no long position to exit';
      case 'exit_short':
        return held < 0 ? [close(exitQty)] : 'There is no short position to exit';
      case 'close':
        return held !== 0 ? [close(exitQty)] : 'There is no open position to close';
      case 'reverse':
        if (held === 0) return 'There is no position to reverse';
        return [{ side: held > 0 ? 'SELL' : 'BUY', qty: Math.abs(held) + qty }];
    }
  }

  async #closeAll(bot: Bot, legId: (leg: number) => string): Promise<Execution> {
    const open = this.#orders.positionEntries().filter((p) => p.botId === bot.id && p.state.netQty !== 0);
    if (open.length === 0) return refused('There are no open positions to close');
    const orderIds: string[] = [];
    for (const [index, { symbol, state }] of open.entries()) {
      const order = await this.#orders.place({ botId: bot.id, symbol, side: state.netQty > 0 ? 'SELL' : 'BUY', type: 'MARKET', qty: Math.abs(state.netQty), clientOrderId: legId(index) });
      orderIds.push(order.clientOrderId);
      await this.#protections.clear(bot.id, symbol);
    }
    return { outcome: 'executed', reason: null, orderIds };
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
