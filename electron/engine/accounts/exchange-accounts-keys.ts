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
/** The data folder the namespace was made in: a database found in another folder is a copy. */
const FOLDER_SETTING = 'secrets.folder';

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
  readonly #folder: string | undefined;
  #namespace = '';
  /** This database was copied from another folder: its entries are the original's until copied under a namespace of its own. */
  #copy = false;
  #pendingNamespace = '';

  constructor(deps: { db: Kysely<Database>; secrets: SecretStore; logger: Logger; folder?: string }) {
    this.#db = deps.db;
    this.#secrets = deps.secrets;
    this.#logger = deps.logger;
    this.#folder = deps.folder;
  }

  async init(): Promise<void> {
    this.#namespace = await readSetting(this.#db, NAMESPACE_SETTING, z.string().regex(/^[0-9a-f]{16}$/), '');
    if (!this.#namespace || this.#folder === undefined) return;
    const madeIn = await readSetting(this.#db, FOLDER_SETTING, z.string(), '');
    if (madeIn === '') await writeSetting(this.#db, FOLDER_SETTING, this.#folder);
    else this.#copy = madeIn !== this.#folder;
  }

  /**
   * A copied data folder gets its own copies of the keys under a new namespace, so neither folder's
   * key changes or start-up sweep can delete the other's entries. Returns the new reference per old one;
   * an entry that cannot be read now (a locked keychain) keeps its old reference and is copied at a later start.
   * The caller points the accounts at the new references, then calls `adoptCopyNamespace`.
   */
  async separateCopy(refs: readonly string[]): Promise<Map<string, string>> {
    const moved = new Map<string, string>();
    if (!this.#copy) return moved;
    const namespace = randomBytes(8).toString('hex');
    for (const ref of refs) {
      const found = await this.#secrets.get(ref);
      const copy = `${namespace}/${ref.split('/')[1] ?? 'account'}/${randomBytes(6).toString('hex')}`;
      const copied = found.ok && found.value !== null ? await this.#secrets.set(copy, found.value) : null;
      if (!copied?.ok) return this.#logCopyPending(moved);
      moved.set(ref, copy);
    }
    this.#pendingNamespace = namespace;
    return moved;
  }

  /** After the accounts point at their copies: this folder's namespace is the new one from now on. */
  async adoptCopyNamespace(): Promise<void> {
    if (!this.#pendingNamespace) return;
    await writeSetting(this.#db, NAMESPACE_SETTING, this.#pendingNamespace);
    await writeSetting(this.#db, FOLDER_SETTING, this.#folder ?? '');
    this.#namespace = this.#pendingNamespace;
    this.#pendingNamespace = '';
    this.#copy = false;
  }

  async #logCopyPending(moved: Map<string, string>): Promise<Map<string, string>> {
    // Half a copy is undone: the database goes on pointing at the original's entries until a later start.
    for (const copy of moved.values()) await this.#secrets.delete(copy);
    this.#logger.warn('This data folder is a copy; its exchange keys could not be copied in the keychain now and are copied at a later start', { accounts: moved.size });
    return new Map();
  }

  async store(accountId: string, credentials: Credentials): Promise<Result<string>> {
    if (!this.#namespace || this.#copy) {
      const namespace = randomBytes(8).toString('hex');
      await writeSetting(this.#db, NAMESPACE_SETTING, namespace);
      if (this.#folder !== undefined) await writeSetting(this.#db, FOLDER_SETTING, this.#folder);
      this.#namespace = namespace;
      this.#copy = false;
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
    // An entry of another namespace belongs to the data folder this one was copied from: never ours to delete.
    if (!ref.startsWith(`${this.#namespace}/`)) {
      this.#logger.info('A keychain entry of the data folder this one was copied from is left in place', { ref });
      return true;
    }
    const removed = await this.#secrets.delete(ref);
    if (!removed.ok) this.#logger.warn('A keychain entry could not be removed; it is retried at the next start', { ref });
    return removed.ok;
  }

  /** Removes this database's entries that no account points at (left by a crash between keychain and database). */
  async sweep(referenced: ReadonlySet<string>): Promise<number> {
    // A copy's namespace is still the original's: what this database does not point at may be the original's.
    if (!this.#namespace || this.#copy) return 0;
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
