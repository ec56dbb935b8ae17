import type { Kysely } from 'kysely';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { EventBus } from '../event-bus.ts';
import { listBots } from '../persistence/bots.repository.ts';
import type { Database } from '../persistence/database.ts';

export interface Sender {
  bot: Bot;
  /** SHA-256 of the bot's alert passphrase; undefined until one is generated. */
  digest: string | undefined;
}

/**
 * The bots alerts may address, with their passphrase digests, held in memory so a burst of alerts
 * does not queue database reads behind the orders it causes. Any change to a bot (status, edit,
 * a new passphrase) drops the copy; the next alert reloads it.
 */
export class AlertSenders {
  readonly #db: Kysely<Database>;
  #cache: Promise<Sender[]> | null = null;

  constructor(db: Kysely<Database>, bus: EventBus) {
    this.#db = db;
    bus.on('change', (event) => {
      if (event.topic === 'bots') this.#cache = null;
    });
  }

  /** By id, or by name when exactly one bot has it (case-insensitive). */
  async find(key: string): Promise<Sender | undefined> {
    const senders = await (this.#cache ??= this.#load());
    const byId = senders.find((s) => s.bot.id === key);
    if (byId) return byId;
    const named = senders.filter((s) => s.bot.name.toLowerCase() === key.toLowerCase());
    return named.length === 1 ? named[0] : undefined;
  }

  async #load(): Promise<Sender[]> {
    const [bots, keys] = await Promise.all([listBots(this.#db), this.#db.selectFrom('webhookKeys').select(['botId', 'digest']).execute()]);
    const digests = new Map(keys.map((k) => [k.botId, k.digest]));
    return bots.map((bot) => ({ bot, digest: digests.get(bot.id) }));
  }
}
