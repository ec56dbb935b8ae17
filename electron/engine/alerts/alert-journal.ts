import { type Kysely, sql } from 'kysely';
import type { Database } from '../persistence/database.ts';
import { mayEndTransaction } from '../persistence/out-of-space.ts';
import { finishAlert, finishLogEntry, insertAlertOnce, insertLogEntry, type NewLogEntry } from '../persistence/webhooks.repository.ts';

export interface JournalEntry {
  alert: { dedupeKey: string; botId: string; receivedAt: number; commandJson: string };
  log: Omit<NewLogEntry, 'outcome' | 'reason' | 'alertId'>;
}

/** How an accepted alert ended, written back to its alert and log rows. */
export interface Finished {
  alertId: number;
  logId: number | null;
  outcome: 'executed' | 'refused' | 'failed';
  reason: string | null;
  orderIds: string[];
}

export interface Recorded {
  /** Null when the dedupe key was already there: a duplicate. */
  alertId: number | null;
  logId: number;
}

type Work = { kind: 'record'; entry: JournalEntry } | { kind: 'finish'; finished: Finished };

interface Waiting {
  work: Work;
  resolve(recorded: Recorded | null): void;
  reject(error: unknown): void;
}

/**
 * Group commit for incoming alerts: alerts that arrive while a commit is running are written
 * together in the next transaction (one fsync for all), each inside its own savepoint so one bad
 * row fails only itself. Each caller learns its result only after the commit: nobody is told
 * "accepted" before the alert is on disk.
 */
export class AlertJournal {
  readonly #db: Kysely<Database>;
  #queue: Waiting[] = [];
  #flushing = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  record(entry: JournalEntry): Promise<Recorded> {
    return this.#enqueue({ kind: 'record', entry }) as Promise<Recorded>;
  }

  /** Outcomes ride in the same commits as new alerts: one fsync serves both. */
  async finish(finished: Finished): Promise<void> {
    await this.#enqueue({ kind: 'finish', finished });
  }

  #enqueue(work: Work): Promise<Recorded | null> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ work, resolve, reject });
      if (this.#flushing) return;
      // SQLite answers synchronously, so a flush started here would commit this alert alone before
      // the requests already read from their sockets are handled: one fsync each. After the poll
      // phase, every alert read in it rides in the same commit.
      this.#flushing = true;
      setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      const outcomes: (Recorded | null | { error: unknown })[] = [];
      try {
        await this.#db.transaction().execute(async (trx) => {
          for (const { work } of batch) outcomes.push(work.kind === 'record' ? await this.#write(trx, work.entry) : await this.#finish(trx, work.finished));
        });
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
        continue;
      }
      batch.forEach((waiting, i) => {
        const outcome = outcomes[i];
        if (outcome === undefined || (outcome !== null && 'error' in outcome)) waiting.reject(outcome?.error ?? new Error('alert not written'));
        else waiting.resolve(outcome);
      });
    }
    this.#flushing = false;
  }

  async #finish(trx: Kysely<Database>, { alertId, logId, outcome, reason, orderIds }: Finished): Promise<null> {
    await finishAlert(trx, alertId, outcome, reason, orderIds);
    if (logId !== null) await finishLogEntry(trx, logId, outcome, reason, orderIds);
    return null;
  }

  async #write(trx: Kysely<Database>, { alert, log }: JournalEntry): Promise<Recorded | { error: unknown }> {
    await sql`savepoint alert_entry`.execute(trx);
    try {
      const alertId = await insertAlertOnce(trx, alert);
      const duplicate = alertId === null;
      const logId = await insertLogEntry(trx, { ...log, outcome: duplicate ? 'duplicate' : 'accepted', reason: duplicate ? 'Already received; not traded again' : null, alertId });
      await sql`release savepoint alert_entry`.execute(trx);
      return { alertId, logId };
    } catch (error) {
      // SQLite may have ended the whole transaction (a full disk does), taking the savepoint with
      // it: the batch then fails as one, and every caller hears the real cause (and answers 503).
      if (mayEndTransaction(error)) throw error;
      await sql`rollback to savepoint alert_entry`.execute(trx);
      await sql`release savepoint alert_entry`.execute(trx);
      return { error };
    }
  }
}
