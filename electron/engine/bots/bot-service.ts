import type { Kysely } from 'kysely';
import type { Bot, BotConfig, BotStatus } from '../../../shared/domain/bot.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { EventBus } from '../event-bus.ts';
import { newBotId } from '../execution/ids.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { PriceSource } from '../execution/portfolio.ts';
import { appendAudit } from '../persistence/audit.repository.ts';
import { ordersOfBot } from '../persistence/orders.repository.ts';
import { OPEN_STATUSES } from '../execution/order-state.ts';
import { findBot, insertBot, listBots, markBotDeleted, setBotStatus, updateBotConfig } from '../persistence/bots.repository.ts';
import { candlesBefore } from '../persistence/candles.repository.ts';
import type { Database } from '../persistence/database.ts';
import type { Clock } from '../ports/clock.ts';
import { orderSizeProblem } from '../risk/order-size.ts';
import type { BotRuntime } from './bot-runtime.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';

/** Saved, an arbitrage bot would run with no second venue and never trade: refused until its leg B is wired. */
const ARBITRAGE_NOT_LIVE = 'Arbitrage needs a second venue for its other leg, which bots cannot be given yet: test it with a pair backtest (two CSV files, or the simulated twin feed) instead';

/** Creating, editing and switching bots on and off; every change is validated, stored and audited. */
export class BotService {
  readonly #db: Kysely<Database>;
  readonly #runtime: BotRuntime;
  readonly #orders: OrderManager;
  readonly #venues: VenueRegistry;
  readonly #accountRefusal: (accountId: string) => string | null;
  readonly #lastPrice: PriceSource;
  readonly #bus: EventBus;
  readonly #clock: Clock;

  constructor(deps: { db: Kysely<Database>; runtime: BotRuntime; orders: OrderManager; venues: VenueRegistry; accountRefusal?: (accountId: string) => string | null; lastPrice: PriceSource; bus: EventBus; clock: Clock }) {
    this.#db = deps.db;
    this.#runtime = deps.runtime;
    this.#orders = deps.orders;
    this.#venues = deps.venues;
    this.#accountRefusal = deps.accountRefusal ?? (() => null);
    this.#lastPrice = deps.lastPrice;
    this.#bus = deps.bus;
    this.#clock = deps.clock;
  }

  list(): Promise<Bot[]> {
    return listBots(this.#db);
  }

  async get(id: string): Promise<Result<Bot>> {
    const bot = await findBot(this.#db, id);
    return bot ? ok(bot) : fail('NOT_FOUND', `No bot with id ${id}`);
  }

  async create(config: BotConfig): Promise<Result<Bot>> {
    const invalid = this.#checkMarket(config);
    if (invalid) return invalid;
    const now = this.#clock.now();
    const bot: Bot = { ...config, id: newBotId(), status: 'stopped', createdAt: now, updatedAt: now };
    await this.#audited(now, 'bot.create', bot.id, { config }, (trx) => insertBot(trx, bot));
    this.#changed(bot.id);
    return ok(bot);
  }

  async update(id: string, config: BotConfig): Promise<Result<Bot>> {
    const found = await this.get(id);
    if (!found.ok) return found;
    const invalid = this.#checkMarket(config);
    if (invalid) return invalid;
    const bot = found.value;
    if (bot.status === 'running') return fail('CONFLICT', 'Pause or stop the bot before editing it');
    if (config.symbol !== bot.symbol || config.account !== bot.account) {
      const held = await this.#stillHolds(id);
      const moved = config.account !== bot.account ? 'account' : 'symbol';
      if (held) return fail('CONFLICT', `${held} before moving the bot to another ${moved}`, [{ path: [moved], message: `The bot still has a position or an open order on its current ${moved}` }]);
    }
    const now = this.#clock.now();
    await this.#audited(now, 'bot.update', id, { config }, (trx) => updateBotConfig(trx, id, config, now));
    const updated: Bot = { ...bot, ...config, updatedAt: now };
    if (this.#runtime.isAttached(id)) await this.#attach(updated);
    this.#changed(id);
    return ok(updated);
  }

  async remove(id: string): Promise<Result<{ id: string }>> {
    const found = await this.get(id);
    if (!found.ok) return found;
    if (found.value.status === 'running') return fail('CONFLICT', 'Stop the bot before deleting it');
    const held = await this.#stillHolds(id);
    if (held) return fail('CONFLICT', `${held} before deleting the bot`);
    const now = this.#clock.now();
    this.#runtime.detach(id);
    await this.#audited(now, 'bot.delete', id, {}, (trx) => markBotDeleted(trx, id, now));
    this.#changed(id);
    return ok({ id });
  }

  async setStatus(id: string, status: BotStatus): Promise<Result<Bot>> {
    const found = await this.get(id);
    if (!found.ok) return found;
    const refusal = status === 'running' ? this.#accountRefusal(found.value.account) : null;
    if (refusal) return fail('CONFLICT', refusal);
    const now = this.#clock.now();
    await this.#audited(now, `bot.${status}`, id, { from: found.value.status }, (trx) => setBotStatus(trx, id, status, now));
    const bot: Bot = { ...found.value, status, updatedAt: now };
    if (status === 'stopped') this.#runtime.detach(id);
    else await this.#attach(bot);
    this.#changed(id);
    return ok(bot);
  }

  /**
   * Pauses every running bot of an account (the exchange refused its keys): it keeps its
   * indicators but places nothing until the trader fixes the keys and starts it again.
   */
  async pauseAccount(accountId: string, reason: string): Promise<string[]> {
    const running = (await listBots(this.#db)).filter((bot) => bot.account === accountId && bot.status === 'running');
    const now = this.#clock.now();
    for (const bot of running) {
      await this.#audited(now, 'bot.paused', bot.id, { from: bot.status, reason }, (trx) => setBotStatus(trx, bot.id, 'paused', now));
      await this.#attach({ ...bot, status: 'paused', updatedAt: now });
      this.#changed(bot.id);
    }
    return running.map((bot) => bot.id);
  }

  /** Puts every bot that was running or paused when the app stopped back on the market. */
  async resumeAll(): Promise<void> {
    for (const bot of await listBots(this.#db)) if (bot.status !== 'stopped') await this.#attach(bot);
  }

  /** A bot change and its audit row, committed together. */
  async #audited(ts: number, action: string, botId: string, detail: Record<string, unknown>, write: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await write(trx);
      await appendAudit(trx, ts, { action, entity: 'bot', entityId: botId, detail });
    });
  }

  async #attach(bot: Bot): Promise<void> {
    const venue = this.#instrument(bot)?.venue ?? bot.account;
    const history = await candlesBefore(this.#db, { venue, symbol: bot.symbol, timeframe: bot.timeframe }, 1000);
    this.#runtime.attach(bot, history);
  }

  /** The symbol must be traded here, and the order size one the venue would take at the last price. */
  /**
   * What the bot still has in the market, in any symbol: an open order would fill into a position
   * no alert or stop of the bot can reach once it is deleted or moved.
   */
  async #stillHolds(id: string): Promise<string | null> {
    const steps: string[] = [];
    const orders = await ordersOfBot(this.#db, id, OPEN_STATUSES);
    if (orders.length > 0) {
      const which = orders.slice(0, 3).map((o) => `${o.side} ${o.qty} ${o.symbol}${o.price === null ? '' : ` @ ${o.price}`}`);
      steps.push(`cancel the bot’s ${orders.length === 1 ? 'open order' : `${orders.length} open orders`} (${which.join(', ')}${orders.length > 3 ? ', …' : ''})`);
    }
    const positions = this.#orders.positionEntries().filter((p) => p.botId === id && p.state.netQty !== 0);
    if (positions.length > 0) steps.push(`close the bot’s ${positions.map((p) => `${p.state.netQty > 0 ? 'long' : 'short'} ${p.symbol}`).join(', ')} position${positions.length > 1 ? 's' : ''}`);
    if (steps.length === 0) return null;
    const sentence = steps.join(' and ');
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
  }

  #instrument(config: BotConfig): Instrument | undefined {
    return this.#venues.get(config.account)?.instruments().find((i) => i.symbol === config.symbol);
  }

  #checkMarket(config: BotConfig): Result<never> | null {
    if (config.strategy.kind === 'arbitrage') return fail('INVALID_INPUT', ARBITRAGE_NOT_LIVE, [{ path: ['strategy'], message: ARBITRAGE_NOT_LIVE }]);
    const venue = this.#venues.get(config.account);
    if (!venue) {
      const message = `Account ${config.account} is not connected; choose one of ${this.#venues.accounts().join(', ')}`;
      return fail('INVALID_INPUT', message, [{ path: ['account'], message }]);
    }
    const refusal = this.#accountRefusal(config.account);
    if (refusal) return fail('INVALID_INPUT', refusal, [{ path: ['account'], message: refusal }]);
    const instrument = this.#instrument(config);
    if (!instrument) {
      const known = venue.instruments().map((i) => i.symbol);
      const choices = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ');
      return fail('INVALID_INPUT', `Unknown symbol ${config.symbol}`, [{ path: ['symbol'], message: `Unknown symbol on account ${config.account}; choose one of ${choices}` }]);
    }
    // The order size is traded only when the bot sizes by it; the other modes size each entry when it is sent.
    const problem = (config.sizing?.mode ?? 'base') === 'base' ? orderSizeProblem(config.orderQty, this.#lastPrice(config.symbol), instrument) : null;
    return problem ? fail('INVALID_INPUT', `Order size: ${problem}`, [{ path: ['orderQty'], message: problem }]) : null;
  }

  #changed(botId: string): void {
    this.#bus.emit('change', { topic: 'bots', botId });
  }
}
