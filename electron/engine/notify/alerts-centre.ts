import type { Kysely } from 'kysely';
import type { Notification } from '../../../shared/contract/notifications.ts';
import type { Database } from '../persistence/database.ts';
import type { NotifyEvent } from './notify-event.ts';
import { insertNotifications } from './notifications.repository.ts';
import type { NotifySink } from './sink-queue.ts';

/** How many notifications the alerts centre keeps; older ones are deleted as new ones arrive. */
export const ALERTS_CENTRE_KEEP = 1_000;

/** The in-app alerts centre: every event is stored (the bell reads them) and pushed to live listeners. */
export class AlertsCentreSink implements NotifySink {
  readonly name = 'alerts-centre';
  readonly #db: Kysely<Database>;
  readonly #keep: number;
  readonly #listeners = new Set<(notification: Notification) => void>();

  constructor(db: Kysely<Database>, keep = ALERTS_CENTRE_KEEP) {
    this.#db = db;
    this.#keep = keep;
  }

  wants(): boolean {
    return true;
  }

  async deliver(batch: readonly NotifyEvent[]): Promise<void> {
    for (const notification of await insertNotifications(this.#db, batch, this.#keep)) {
      for (const listener of this.#listeners) listener(notification);
    }
  }

  onStored(listener: (notification: Notification) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
