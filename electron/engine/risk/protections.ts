import type { Kysely } from 'kysely';
import type { EventBus } from '../event-bus.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { Database } from '../persistence/database.ts';
import { deleteProtection, loadProtections, saveProtection } from '../persistence/protections.repository.ts';
import type { Logger } from '../ports/logger.ts';

export interface Levels {
  stopLoss: number | null;
  takeProfit: number | null;
}

/**
 * Stop-loss and take-profit levels attached to positions, watched on every tick (intrabar), so a
 * stop is hit when the price touches it, not at the next bar's close. A level fires once: it is
 * removed before its closing order is placed.
 */
export class Protections {
  readonly #bySymbol = new Map<string, Map<string, Levels>>();
  readonly #db: Kysely<Database>;
  readonly #orders: OrderManager;
  readonly #bus: EventBus;
  readonly #logger: Logger;

  constructor(deps: { db: Kysely<Database>; orders: OrderManager; bus: EventBus; logger: Logger }) {
    this.#db = deps.db;
    this.#orders = deps.orders;
    this.#bus = deps.bus;
    this.#logger = deps.logger;
  }

  async load(): Promise<void> {
    for (const row of await loadProtections(this.#db)) this.#levelsOf(row.symbol).set(row.botId, { stopLoss: row.stopLoss, takeProfit: row.takeProfit });
  }

  get(botId: string, symbol: string): Levels | undefined {
    return this.#bySymbol.get(symbol)?.get(botId);
  }

  async set(botId: string, symbol: string, levels: Levels): Promise<void> {
    await saveProtection(this.#db, { botId, symbol, ...levels });
    this.#levelsOf(symbol).set(botId, levels);
    this.#bus.emit('change', { topic: 'positions', botId });
  }

  async clear(botId: string, symbol: string): Promise<void> {
    this.#bySymbol.get(symbol)?.delete(botId);
    await deleteProtection(this.#db, botId, symbol);
  }

  /** Checks the levels on `symbol` against a new price; returns a promise only when one fired. */
  onPrice(symbol: string, px: number): Promise<void> | undefined {
    const levels = this.#bySymbol.get(symbol);
    if (!levels || levels.size === 0) return undefined;
    let fired: Promise<void>[] | undefined;
    for (const [botId, level] of levels) {
      const held = this.#orders.position(botId, symbol).netQty;
      const long = held > 0;
      const hitStop = level.stopLoss !== null && (long ? px <= level.stopLoss : px >= level.stopLoss);
      const hitTarget = level.takeProfit !== null && (long ? px >= level.takeProfit : px <= level.takeProfit);
      if (held !== 0 && !hitStop && !hitTarget) continue;
      levels.delete(botId);
      (fired ??= []).push(this.#close(botId, symbol, held, hitStop ? 'stop-loss' : 'take-profit'));
    }
    return fired && Promise.all(fired).then(() => undefined);
  }

  async #close(botId: string, symbol: string, held: number, reason: string): Promise<void> {
    try {
      await deleteProtection(this.#db, botId, symbol);
      if (held === 0) return;
      this.#logger.info(`Closing position on ${reason}`, { botId, symbol });
      await this.#orders.place({ botId, symbol, side: held > 0 ? 'SELL' : 'BUY', type: 'MARKET', qty: Math.abs(held) });
    } catch (error) {
      this.#logger.error('Protective close failed', { botId, symbol, reason, error });
    }
  }

  #levelsOf(symbol: string): Map<string, Levels> {
    let levels = this.#bySymbol.get(symbol);
    if (!levels) this.#bySymbol.set(symbol, (levels = new Map()));
    return levels;
  }
}
