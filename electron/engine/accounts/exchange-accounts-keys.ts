import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CredentialsSchema } from '../../../shared/domain/account.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { Database } from '../persistence/database.ts';
import { readSetting, writeSetting } from '../persistence/settings.repository.ts';
import type { Logger } from '../ports/logger.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import type { Credentials } from '../venues/exchange.ts';

const NAMESPACE_SETTING = 'secrets.namespace';

/**
 * An account's keys in the secret store, one entry per account holding every field. Each write
 * goes under a new reference (`<namespace>/<accountId>/<random>`) and the old entry is removed only
 * after the database points at the new one, so a crash between steps never leaves an account
 * pointing at nothing; the entries it leaves without an owner are swept at the next start. The
 * namespace is this database's own, so two data folders on one machine never sweep each other's;
 * it is made at the first write, so a database that never stored keys never asks the keychain.
 */
export class AccountKeys {
  readonly #db: Kysely<Database>;
  readonly #secrets: SecretStore;
  readonly #logger: Logger;
  #namespace = '';

  constructor(deps: { db: Kysely<Database>; secrets: SecretStore; logger: Logger }) {
    this.#db = deps.db;
    this.#secrets = deps.secrets;
    this.#logger = deps.logger;
  }

  async init(): Promise<void> {
    this.#namespace = await readSetting(this.#db, NAMESPACE_SETTING, z.string().regex(/^[0-9a-f]{16}$/), '');
  }

  async store(accountId: string, credentials: Credentials): Promise<Result<string>> {
    if (!this.#namespace) {
      const namespace = randomBytes(8).toString('hex');
      await writeSetting(this.#db, NAMESPACE_SETTING, namespace);
      this.#namespace = namespace;
    }
    const ref = `${this.#namespace}/${accountId}/${randomBytes(6).toString('hex')}`;
    const stored = await this.#secrets.set(ref, JSON.stringify(credentials));
    return stored.ok ? ok(ref) : stored;
  }

  /** The keys under `ref`: null when the entry is gone (removed by hand in the keychain). */
  async read(ref: string): Promise<Result<Credentials | null>> {
    const found = await this.#secrets.get(ref);
    if (!found.ok || found.value === null) return found.ok ? ok(null) : found;
    const parsed = CredentialsSchema.safeParse(safeJson(found.value));
    return parsed.success ? ok(parsed.data as Credentials) : fail('INTERNAL', 'The keys stored for this account cannot be read; enter them again');
  }

  /** Removes an entry; a failure is logged (by reference, never content), the next start's sweep retries it, and false is returned. */
  async forget(ref: string): Promise<boolean> {
    const removed = await this.#secrets.delete(ref);
    if (!removed.ok) this.#logger.warn('A keychain entry could not be removed; it is retried at the next start', { ref });
    return removed.ok;
  }

  /** Removes this database's entries that no account points at (left by a crash between keychain and database). */
  async sweep(referenced: ReadonlySet<string>): Promise<number> {
    if (!this.#namespace) return 0;
    const refs = await this.#secrets.references();
    if (!refs.ok) return 0;
    const orphans = refs.value.filter((ref) => ref.startsWith(`${this.#namespace}/`) && !referenced.has(ref));
    for (const ref of orphans) await this.forget(ref);
    return orphans.length;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
