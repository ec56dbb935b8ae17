import type { Bot } from '../../../shared/domain/bot.ts';
import type { CandleUpdate } from '../../../shared/domain/candle.ts';
import type { OrderManager, PlaceOrder } from '../execution/order-manager.ts';
import type { Logger } from '../ports/logger.ts';
import type { StorageGate } from '../persistence/storage-health.ts';
import { createStrategy, type Signal, type Strategy } from '../strategies/strategy.ts';

interface Runner {
  bot: Bot;
  strategy: Strategy;
}

/**
 * The bots that follow the market: running ones trade, paused ones keep their indicators warm
 * but place nothing. Runners are indexed by symbol, so a bar costs only the bots that trade it.
 */
export class BotRuntime {
  readonly #bySymbol = new Map<string, Map<string, Runner>>();
  readonly #orders: OrderManager;
  readonly #logger: Logger;
  readonly #storage: Pick<StorageGate, 'writable'> | undefined;

  constructor(deps: { orders: OrderManager; logger: Logger; storage?: Pick<StorageGate, 'writable'> }) {
    this.#orders = deps.orders;
    this.#logger = deps.logger;
    this.#storage = deps.storage;
  }

  /** Starts (or refreshes) a bot's runner, warming its strategy on recent closed bars. */
  attach(bot: Bot, history: readonly number[]): void {
    this.detach(bot.id);
    const strategy = createStrategy(bot.strategy);
    if (!strategy) return;
    // Warm-up signals describe the past; only crossings after attaching are traded.
    for (const close of history) strategy.onBar(close);
    let runners = this.#bySymbol.get(bot.symbol);
    if (!runners) this.#bySymbol.set(bot.symbol, (runners = new Map()));
    runners.set(bot.id, { bot, strategy });
  }

  detach(botId: string): void {
    for (const runners of this.#bySymbol.values()) runners.delete(botId);
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
    const runners = this.#bySymbol.get(update.symbol);
    if (!runners) return undefined;
    let orders: PlaceOrder[] | undefined;
    for (const runner of runners.values()) {
      const signal = runner.strategy.onBar(update.candle.close);
      // A full disk pauses every running bot (no order could be written ahead); indicators stay warm.
      if (signal === null || runner.bot.status !== 'running' || this.#storage?.writable === false) continue;
      const order = this.#orderFor(runner.bot, signal);
      if (order) (orders ??= []).push(order);
    }
    return orders && this.#placeInTurn(orders);
  }

  /**
   * Each order commits with an fsync: placed one after another with a turn of the event loop
   * between them, so many bots trading on one bar never hold the thread for all their commits.
   */
  async #placeInTurn(orders: readonly PlaceOrder[]): Promise<void> {
    for (const order of orders) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.#orders.place(order).catch((error: unknown) => this.#logger.error('Bot order failed', { botId: order.botId, error }));
    }
  }

  #orderFor(bot: Bot, signal: Signal): PlaceOrder | null {
    const held = this.#orders.position(bot.id, bot.symbol).netQty;
    const order =
      signal === 'long' && held <= 0
        ? { side: 'BUY' as const, qty: bot.orderQty }
        : signal === 'flat' && held > 0
          ? { side: 'SELL' as const, qty: held }
          : null;
    return order && { botId: bot.id, symbol: bot.symbol, type: 'MARKET', ...order };
  }
}
