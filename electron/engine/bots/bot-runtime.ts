import type { Bot } from '../../../shared/domain/bot.ts';
import type { Candle, CandleUpdate } from '../../../shared/domain/candle.ts';
import type { Kysely } from 'kysely';
import type { OrderManager, PlaceOrder } from '../execution/order-manager.ts';
import type { Database } from '../persistence/database.ts';
import type { Logger } from '../ports/logger.ts';
import type { StorageGate } from '../persistence/storage-health.ts';
import { closable } from '../risk/closable.ts';
import type { EntrySizer } from '../risk/sizing/bot-sizer.ts';
import type { EntryLevels } from '../risk/entry-levels.ts';
import type { BotAtrs } from '../risk/exits/bot-atrs.ts';
import { plannedStop } from '../risk/exits/exit-plan.ts';
import { createStrategy, type Intent, type Strategy, type StrategyPosition } from '../strategies/strategy.ts';

interface Runner {
  bot: Bot;
  strategy: Strategy;
}

/**
 * `closes`: the order exits the position, so it is sized when placed from what no close at the venue takes already.
 * `entry`: the order opens one, sized when placed by the bot's sizing at the bar's close and the intent's stop-loss;
 * `levels`: the intent's exit prices for the position that entry opens.
 */
type BotOrder = PlaceOrder & { closes: boolean; entry?: { bot: Bot; px: number; stop: number | null }; levels?: Pick<Intent, 'stopLoss' | 'takeProfit'> };

/** Where an entry's exit levels go: the engine's protections, armed once the entry fills. */
export interface EntryProtector {
  protectEntry(entry: EntryLevels, orderIds: readonly string[]): Promise<void>;
}

/**
 * The bots that follow the market: running ones trade, paused ones keep their indicators warm
 * but place nothing. Runners are indexed by symbol, so a bar costs only the bots that trade it.
 */
export class BotRuntime {
  readonly #bySymbol = new Map<string, Map<string, Runner>>();
  readonly #db: Kysely<Database>;
  readonly #orders: OrderManager;
  readonly #logger: Logger;
  readonly #storage: Pick<StorageGate, 'writable'> | undefined;
  readonly #sizer: EntrySizer | undefined;
  readonly #atrs: BotAtrs | undefined;
  readonly #protections: EntryProtector | undefined;

  /** Without a `sizer`, entries trade the bot's order size as it is. */
  constructor(deps: { db: Kysely<Database>; orders: OrderManager; logger: Logger; storage?: Pick<StorageGate, 'writable'>; sizer?: EntrySizer; atrs?: BotAtrs; protections?: EntryProtector }) {
    this.#db = deps.db;
    this.#atrs = deps.atrs;
    this.#protections = deps.protections;
    this.#orders = deps.orders;
    this.#logger = deps.logger;
    this.#storage = deps.storage;
    this.#sizer = deps.sizer;
  }

  /** Starts (or refreshes) a bot's runner, warming its strategy on recent closed bars. */
  attach(bot: Bot, history: readonly Candle[]): void {
    this.detach(bot.id);
    // Alert-driven bots too: their exits may be ATR multiples.
    this.#atrs?.warm(bot, history);
    const strategy = createStrategy(bot.strategy);
    if (!strategy) return;
    // Warm-up intents describe the past, seen flat; only what the strategy wants after attaching is traded.
    for (const candle of history) strategy.onBar(candle, WARMING_UP);
    let runners = this.#bySymbol.get(bot.symbol);
    if (!runners) this.#bySymbol.set(bot.symbol, (runners = new Map()));
    runners.set(bot.id, { bot, strategy });
  }

  detach(botId: string): void {
    for (const runners of this.#bySymbol.values()) runners.delete(botId);
    this.#atrs?.drop(botId);
  }

  isAttached(botId: string): boolean {
    for (const runners of this.#bySymbol.values()) if (runners.has(botId)) return true;
    return false;
  }

  /**
   * Feeds one bar update. Returns a promise only when an order was placed, so the market loop
   * pays for an await only on the rare bars that trade.
   */
  onCandle(update: CandleUpdate): Promise<void> | undefined {
    if (!update.closed) return undefined;
    // Before the strategies: an entry on this bar has its ATR distances from this bar too.
    this.#atrs?.onCandle(update);
    const runners = this.#bySymbol.get(update.symbol);
    if (!runners) return undefined;
    let orders: BotOrder[] | undefined;
    for (const { bot, strategy } of runners.values()) {
      const { netQty, avgPxOpen } = this.#orders.position(bot.id, bot.symbol);
      const intent = strategy.onBar(update.candle, { qty: netQty, avgPx: avgPxOpen });
      // A full disk pauses every running bot (no order could be written ahead); indicators stay warm.
      if (intent === null || bot.status !== 'running' || this.#storage?.writable === false) continue;
      for (const order of ordersFor(bot, intent, netQty, update.candle.close, this.#atrs?.value(bot.id) ?? null)) (orders ??= []).push(order);
    }
    return orders && this.#placeInTurn(orders);
  }

  /**
   * Each order commits with an fsync: placed one after another with a turn of the event loop
   * between them, so many bots trading on one bar never hold the thread for all their commits.
   */
  async #placeInTurn(orders: readonly BotOrder[]): Promise<void> {
    for (const { closes, entry, levels, ...order } of orders) {
      await new Promise((resolve) => setImmediate(resolve));
      try {
        const qty = closes ? (await closable(this.#db, this.#orders, order.botId, order.symbol)).free : await this.#entryQty(order, entry);
        if (qty === null) continue;
        // A close at the venue (a stop-loss, say) takes the whole position already: selling again would go short.
        if (qty > 0) {
          const placed = await this.#orders.place({ ...order, qty, reduceOnly: closes, source: 'strategy' });
          if (levels) await this.#protectEntry(order, levels, placed.clientOrderId);
        } else this.#logger.info('Bot exit not sent: the position is already being closed', { botId: order.botId, symbol: order.symbol });
      } catch (error) {
        this.#logger.error('Bot order failed', { botId: order.botId, error });
      }
    }
  }

  /** The entry's size by the bot's sizing, or null (logged with the reason) when it cannot be sent. */
  async #entryQty(order: PlaceOrder, entry: BotOrder['entry']): Promise<number | null> {
    if (!entry || !this.#sizer) return order.qty;
    const sized = await this.#sizer(entry.bot, { symbol: order.symbol, px: entry.px, stop: entry.stop });
    if (sized.ok) return sized.value;
    this.#logger.warn(`Bot '${entry.bot.name}': entry not sent: ${sized.error.message}`, { botId: order.botId, symbol: order.symbol, side: order.side });
    return null;
  }

  /** The strategy's exit prices for the position its entry opens; armed by the entry's fill. */
  async #protectEntry(order: PlaceOrder, levels: NonNullable<BotOrder['levels']>, clientOrderId: string): Promise<void> {
    const price = (px: number | undefined) => (px !== undefined && Number.isFinite(px) && px > 0 ? { price: px } : null);
    const entry: EntryLevels = { botId: order.botId, symbol: order.symbol, direction: order.side === 'BUY' ? 1 : -1, stopLoss: price(levels.stopLoss), takeProfit: price(levels.takeProfit) };
    if (entry.stopLoss || entry.takeProfit) await this.#protections?.protectEntry(entry, [clientOrderId]);
  }
}

const WARMING_UP: StrategyPosition = { qty: 0, avgPx: 0 };

/**
 * The orders that move a position held at `held` to the intent's side: a close of what is held
 * on the other side (reduce-only, sized when placed), then an entry sized by the bot's sizing when placed.
 */
function ordersFor(bot: Bot, intent: Intent, held: number, px: number, atr: number | null): BotOrder[] {
  // Risk-based sizing measures to the strategy's stop, else to where the bot's own stop-loss will be set.
  const entryFor = (direction: 1 | -1) => ({ bot, px, stop: intent.stopLoss ?? plannedStop(bot.exits, px, direction, atr) });
  const order = (side: 'BUY' | 'SELL', qty: number, closes: boolean): BotOrder => ({ botId: bot.id, symbol: bot.symbol, type: 'MARKET', side, qty, closes, ...(closes ? {} : { entry: entryFor(side === 'BUY' ? 1 : -1), levels: intent }) });
  const orders: BotOrder[] = [];
  if (held > 0 && intent.target !== 'long') orders.push(order('SELL', held, true));
  if (held < 0 && intent.target !== 'short') orders.push(order('BUY', -held, true));
  if (intent.target === 'long' && held <= 0) orders.push(order('BUY', bot.orderQty, false));
  if (intent.target === 'short' && held >= 0) orders.push(order('SELL', bot.orderQty, false));
  return orders;
}
