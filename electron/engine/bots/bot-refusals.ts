import type { Kysely } from 'kysely';
import type { BotRefusal } from '../../../shared/contract/risk-locks.ts';
import type { Order } from '../../../shared/domain/order.ts';
import type { Database } from '../persistence/database.ts';
import type { Clock } from '../ports/clock.ts';

interface Refusal {
  reason: string;
  at: number;
}

/**
 * Each bot's last refusal, for the bot's page: an entry refused before it became an order (its
 * size below the venue minimum, say), an alert refused after its passphrase was checked, or an
 * order refused (a REJECTED row, whatever refused it). Held in memory; a bot's last REJECTED order is read from the database once, so the bot
 * still shows it after a restart.
 */
export class BotRefusals {
  readonly #last = new Map<string, Refusal>();
  readonly #read = new Set<string>();
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #onChange: () => void;

  /** `clock`: market time, the clock orders are stamped with, so both kinds compare. */
  constructor(deps: { db: Kysely<Database>; clock: Clock; onChange: () => void }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#onChange = deps.onChange;
  }

  /** An entry or alert refused before it became an order. */
  readonly note = (botId: string, reason: string): void => {
    this.#keep(botId, { reason, at: this.#clock.now() });
    this.#onChange();
  };

  /** Given every order update: a rejection is the bot's latest refusal. */
  readonly orderUpdated = (order: Order): void => {
    if (order.status === 'REJECTED') this.#keep(order.botId, { reason: order.rejectReason ?? 'Rejected (no reason given)', at: order.tsInit });
  };

  /** The last refusal of each bot given; bots never refused are left out. */
  async lastOf(botIds: readonly string[]): Promise<BotRefusal[]> {
    const refusals: BotRefusal[] = [];
    for (const botId of botIds) {
      if (!this.#read.has(botId)) await this.#readStored(botId);
      const last = this.#last.get(botId);
      if (last) refusals.push({ botId, ...last });
    }
    return refusals;
  }

  #keep(botId: string, refusal: Refusal): void {
    const held = this.#last.get(botId);
    if (!held || refusal.at >= held.at) this.#last.set(botId, refusal);
  }

  async #readStored(botId: string): Promise<void> {
    const row = await this.#db
      .selectFrom('orders')
      .select(['rejectReason', 'tsInit'])
      .where('botId', '=', botId)
      .where('status', '=', 'REJECTED')
      .orderBy('tsInit', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row) this.#keep(botId, { reason: row.rejectReason ?? 'Rejected (no reason given)', at: row.tsInit });
    this.#read.add(botId);
  }
}
