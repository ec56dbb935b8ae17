import type { Bot } from '../../../shared/domain/bot.ts';
import type { Candle, CandleUpdate } from '../../../shared/domain/candle.ts';
import type { Kysely } from 'kysely';
import type { OrderManager, PlaceOrder } from '../execution/order-manager.ts';
import type { Database } from '../persistence/database.ts';
import type { Logger } from '../ports/logger.ts';
import type { StorageGate } from '../persistence/storage-health.ts';
import { closable } from '../risk/closable.ts';
import type { EntryLevels } from '../risk/entry-levels.ts';
import type { BotAtrs } from '../risk/exits/bot-atrs.ts';
import { createStrategy, type Intent, type Strategy, type StrategyPosition } from '../strategies/strategy.ts';

interface Runner {
  bot: Bot;
  strategy: Strategy;
}

/** `closes`: the order exits the position, so it is sized when placed from what no close at the venue takes already. */
type BotOrder = PlaceOrder & { closes: boolean; levels?: Pick<Intent, 'stopLoss' | 'takeProfit'> };

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
  readonly #atrs: BotAtrs | undefined;
  readonly #protections: EntryProtector | undefined;

  constructor(deps: { db: Kysely<Database>; orders: OrderManager; logger: Logger; storage?: Pick<StorageGate, 'writable'>; atrs?: BotAtrs; protections?: EntryProtector }) {
    this.#db = deps.db;
    this.#atrs = deps.atrs;
    this.#protections = deps.protections;
    this.#orders = deps.orders;
    this.#logger = deps.logger;
    this.#storage = deps.storage;
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
      for (const order of ordersFor(bot, intent, netQty)) (orders ??= []).push(order);
    }
    return orders && this.#placeInTurn(orders);
  }

  /**
   * Each order commits with an fsync: placed one after another with a turn of the event loop
   * between them, so many bots trading on one bar never hold the thread for all their commits.
   */
  async #placeInTurn(orders: readonly BotOrder[]): Promise<void> {
    for (const { closes, levels, ...order } of orders) {
      await new Promise((resolve) => setImmediate(resolve));
      try {
        const qty = closes ? (await closable(this.#db, this.#orders, order.botId, order.symbol)).free : order.qty;
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
 * on the other side (reduce-only, sized when placed), then an entry of the bot's order size.
 */
function ordersFor(bot: Bot, intent: Intent, held: number): BotOrder[] {
  const order = (side: 'BUY' | 'SELL', qty: number, closes: boolean): BotOrder => ({ botId: bot.id, symbol: bot.symbol, type: 'MARKET', side, qty, closes, ...(closes ? {} : { levels: intent }) });
  const orders: BotOrder[] = [];
  if (held > 0 && intent.target !== 'long') orders.push(order('SELL', held, true));
  if (held < 0 && intent.target !== 'short') orders.push(order('BUY', -held, true));
  if (intent.target === 'long' && held <= 0) orders.push(order('BUY', bot.orderQty, false));
  if (intent.target === 'short' && held >= 0) orders.push(order('SELL', bot.orderQty, false));
  return orders;
}
