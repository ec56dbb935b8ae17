import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { Logger } from '../ports/logger.ts';
import type { SecretStore, SecretStoreStatus } from '../ports/secret-store.ts';
import { keychainProblem } from './keychain-problem.ts';

type Keytar = typeof import('keytar');

/** The service name entries are filed under in the OS keychain. */
export const KEYCHAIN_SERVICE = 'StoxRobot';
/** Written and removed again to learn whether the keychain takes writes: a locked keyring still answers reads (with nothing). */
const PROBE_REF = 'stoxrobot-probe';

/**
 * The OS keychain through keytar (the only importer of keytar). keytar is loaded on first use, so a
 * machine where its native part cannot load still starts and trades on paper; that failure, like a
 * missing D-Bus session or a locked keyring, becomes the one message `keychainProblem` gives.
 */
export class KeytarSecretStore implements SecretStore {
  readonly #service: string;
  readonly #logger: Logger;
  #keytar: Promise<Keytar> | null = null;

  constructor(deps: { logger: Logger; service?: string }) {
    this.#logger = deps.logger;
    this.#service = deps.service ?? KEYCHAIN_SERVICE;
  }

  async status(): Promise<SecretStoreStatus> {
    const probe = await this.#call('probe', async (k) => {
      await k.setPassword(this.#service, PROBE_REF, 'probe');
      await k.deletePassword(this.#service, PROBE_REF);
    });
    return probe.ok ? { usable: true } : { usable: false, message: probe.error.message };
  }

  async get(ref: string): Promise<Result<string | null>> {
    const found = await this.#call('read', (k) => k.getPassword(this.#service, ref));
    return found.ok && found.value === null ? this.#unlessUnusable(found) : found;
  }

  set(ref: string, secret: string): Promise<Result<void>> {
    return this.#call('write', (k) => k.setPassword(this.#service, ref, secret));
  }

  async delete(ref: string): Promise<Result<boolean>> {
    const removed = await this.#call('delete', (k) => k.deletePassword(this.#service, ref));
    return removed.ok && !removed.value ? this.#unlessUnusable(removed) : removed;
  }

  async references(): Promise<Result<string[]>> {
    const found = await this.#call('list', (k) => k.findCredentials(this.#service));
    return found.ok ? ok(found.value.map((c) => c.account).filter((ref) => ref !== PROBE_REF)) : found;
  }

  /**
   * A locked keyring answers "nothing there" to reads and deletes instead of refusing them; taken
   * at its word, a locked keychain would look like lost keys, or a removal that never happened.
   */
  async #unlessUnusable<T>(answer: Result<T>): Promise<Result<T>> {
    const status = await this.status();
    return status.usable ? answer : fail('UNAVAILABLE', status.message, undefined, { keychain: false });
  }

  async #call<T>(operation: string, run: (keytar: Keytar) => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await run(await this.#load()));
    } catch (error) {
      // keytar's text names the cause (no D-Bus session, a locked collection), never the secret.
      // A status probe is asked often (the accounts page) and its answer is shown: it is not logged.
      if (operation !== 'probe') this.#logger.warn('The keychain refused', { operation, reason: error instanceof Error ? error.message : String(error) });
      return fail('UNAVAILABLE', keychainProblem(error), undefined, { keychain: false });
    }
  }

  #load(): Promise<Keytar> {
    // A failed load is not kept: installing the library's system part and retrying needs no restart.
    this.#keytar ??= import('keytar').then((m) => m.default).catch((error: unknown) => {
      this.#keytar = null;
      throw error;
    });
    return this.#keytar;
  }
}
