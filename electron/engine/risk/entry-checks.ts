import type { Kysely } from 'kysely';
import type { Order } from '../../../shared/domain/order.ts';
import type { Database } from '../persistence/database.ts';
import type { Logger } from '../ports/logger.ts';

/**
 * One risk rule's say on an order that may add to risk: a refusal a trader reads, or null. Called
 * inside the order's write-ahead transaction, which runs one at a time, so the rule sees every
 * order and fill committed before: a hundred signals at once cannot all slip under one limit.
 */
export type EntryCheck = (trx: Kysely<Database>, order: Order) => Promise<string | null> | string | null;

/**
 * The risk rules every order that is not reduce-only passes, whoever placed it (a strategy, an
 * alert, the trader by hand). A rule that fails (throws) refuses the order: risk fails closed.
 * Rules are added as the engine is wired, since some read parts built after the order path.
 */
export class EntryChecks {
  readonly #checks: { name: string; check: EntryCheck }[] = [];
  readonly #logger: Logger;
  readonly #refusedListeners: ((rule: string) => void)[] = [];

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  add(name: string, check: EntryCheck): void {
    this.#checks.push({ name, check });
  }

  /** Told the rule's name each time a rule refuses an order (or fails, and so refuses it): for the metrics. */
  onRefused(listener: (rule: string) => void): void {
    this.#refusedListeners.push(listener);
  }

  /** The first refusal, in the order the rules were added, or null when every rule lets the order go. */
  async refusal(trx: Kysely<Database>, order: Order): Promise<string | null> {
    for (const { name, check } of this.#checks) {
      let refused: string | null;
      try {
        refused = await check(trx, order);
      } catch (error) {
        this.#logger.error('A risk check failed; the order is refused', { check: name, clientOrderId: order.clientOrderId, error });
        refused = `The ${name} check could not be completed, so the order was not sent (risk checks fail closed)`;
      }
      if (refused !== null) {
        for (const listener of this.#refusedListeners) listener(name);
        return refused;
      }
    }
    return null;
  }
}
