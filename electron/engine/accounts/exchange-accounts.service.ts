import type { Kysely } from 'kysely';
import type { ConnectionTestRequest, ExchangeAccountPatch, NewExchangeAccount } from '../../../shared/contract/accounts.ts';
import type { ConnectionTest, ExchangeAccount, KeychainStatus } from '../../../shared/domain/account.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { appendAudit } from '../persistence/audit.repository.ts';
import type { Database } from '../persistence/database.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import type { EnvironmentCredentials } from '../secrets/environment-credentials.ts';
import type { Credentials, ExchangeAccountConfig, ExchangeConnector, ExchangeInfo } from '../venues/exchange.ts';
import { environmentComplete, exchangeNamed, lastFour, requiredCredentials, sandboxAllowed } from './exchange-accounts-checks.ts';
import { testConnection } from './exchange-connection-test.ts';
import { findAccount } from './accounts.repository.ts';
import { AccountKeys } from './exchange-accounts-keys.ts';
import { botsOnAccount, deleteExchangeAccount, type ExchangeAccountRow, findExchangeAccount, insertExchangeAccount, listExchangeAccounts, updateExchangeAccount } from './exchange-accounts.repository.ts';

export type ExchangeAccountChange = { accountId: string; change: 'created' | 'updated' | 'removed' };

export interface ExchangeAccountDeps {
  db: Kysely<Database>;
  secrets: SecretStore;
  environment: EnvironmentCredentials;
  exchanges: ExchangeConnector;
  clock: Clock;
  logger: Logger;
  /** The data folder (its real path): a database found in another folder is a copy and gets keychain entries of its own. */
  folder?: string;
}

const noAccount = (id: string) => fail('NOT_FOUND', `No exchange account ${id}`);
const isDuplicate = (error: unknown) => /SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)/.test(String((error as { code?: unknown })?.code));

/**
 * Exchange accounts: settings in SQLite, keys in the secret store (SQLite holds only a reference),
 * or, on a headless host without a keychain, in environment variables read at start. Changes run
 * one at a time, so two requests for one account never interleave their keychain and database steps.
 */
export class ExchangeAccountService {
  readonly #d: ExchangeAccountDeps;
  readonly #keys: AccountKeys;
  readonly #listeners = new Set<(change: ExchangeAccountChange) => void>();
  #queue: Promise<unknown> = Promise.resolve();
  #catalogue: Promise<ExchangeInfo[]> | null = null;

  constructor(deps: ExchangeAccountDeps) {
    this.#d = deps;
    this.#keys = new AccountKeys({ db: deps.db, secrets: deps.secrets, logger: deps.logger, ...(deps.folder === undefined ? {} : { folder: deps.folder }) });
  }

  /** Before the API serves: this database's keychain namespace, and the entries a crash left behind are removed. */
  async init(): Promise<void> {
    await this.#keys.init();
    const stored = (await listExchangeAccounts(this.#d.db)).flatMap((row) => (row.secretRef ? [{ accountId: row.accountId, ref: row.secretRef }] : []));
    const moved = await this.#keys.separateCopy(stored.map((row) => row.ref));
    for (const { accountId, ref } of stored) {
      const copy = moved.get(ref);
      if (copy) await updateExchangeAccount(this.#d.db, accountId, { secretRef: copy });
    }
    await this.#keys.adoptCopyNamespace();
    if (moved.size > 0) this.#d.logger.info('This data folder is a copy: its exchange keys now have keychain entries of their own', { accounts: moved.size });
    const referenced = new Set(stored.map((row) => moved.get(row.ref) ?? row.ref));
    const swept = await this.#keys.sweep(referenced);
    if (swept > 0) this.#d.logger.info('Removed keychain entries no account uses', { entries: swept });
  }

  /** Tells the engine an account changed, so it can (re)open or close the account's venue. */
  onChange(listener: (change: ExchangeAccountChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  catalogue(): Promise<ExchangeInfo[]> {
    this.#catalogue ??= this.#d.exchanges.catalogue().catch((error: unknown) => {
      this.#catalogue = null;
      throw error;
    });
    return this.#catalogue;
  }

  async keychain(): Promise<KeychainStatus> {
    const status = await this.#d.secrets.status();
    return { usable: status.usable, message: status.usable ? null : status.message, environmentAccounts: this.#d.environment.accountNames() };
  }

  async list(): Promise<ExchangeAccount[]> {
    return (await listExchangeAccounts(this.#d.db)).map((row) => this.#view(row));
  }

  async get(accountId: string): Promise<Result<ExchangeAccount>> {
    const row = await findExchangeAccount(this.#d.db, accountId);
    return row ? ok(this.#view(row)) : noAccount(accountId);
  }

  /** What the engine needs to open the account's venue, without its keys. */
  async config(accountId: string): Promise<Result<ExchangeAccountConfig>> {
    const row = await findExchangeAccount(this.#d.db, accountId);
    return row ? ok(configOf(row)) : noAccount(accountId);
  }

  /** For the engine only (never part of the contract): the keychain's entry, else the environment's keys. */
  async credentials(accountId: string): Promise<Result<Credentials>> {
    const row = await findExchangeAccount(this.#d.db, accountId);
    if (!row) return noAccount(accountId);
    const stored = row.secretRef ? await this.#keys.read(row.secretRef) : ok(null);
    if (stored.ok && stored.value) return ok(stored.value);
    const fromEnvironment = this.#d.environment.forAccount(accountId);
    if (fromEnvironment) return ok(fromEnvironment);
    if (!stored.ok) return stored;
    return fail('NOT_FOUND', `The keys of account ${accountId} are not in the keychain; edit the account and enter them again`);
  }

  create(input: NewExchangeAccount): Promise<Result<ExchangeAccount>> {
    return this.#serial(async () => {
      const exchange = exchangeNamed(await this.catalogue(), input.exchangeId);
      if (!exchange.ok) return exchange;
      const checked = sandboxAllowed(exchange.value, input.sandbox);
      if (!checked.ok) return checked;
      if (await findAccount(this.#d.db, input.accountId)) return this.#taken(input.accountId);
      const keys = await this.#keysFor(exchange.value, input.accountId, input.credentials);
      if (!keys.ok) return keys;
      try {
        await this.#d.db.transaction().execute(async (trx) => {
          await insertExchangeAccount(trx, { ...input, ...keys.value, now: this.#d.clock.now() });
          await appendAudit(trx, this.#d.clock.now(), { action: 'account.create', entity: 'account', entityId: input.accountId, detail: { exchangeId: input.exchangeId, sandbox: input.sandbox } });
        });
      } catch (error) {
        // Nothing of a refused account stays behind: its keys leave the keychain with it.
        if (keys.value.secretRef) await this.#keys.forget(keys.value.secretRef);
        if (isDuplicate(error)) return this.#taken(input.accountId);
        throw error;
      }
      this.#d.logger.info('Exchange account added', { accountId: input.accountId, exchangeId: input.exchangeId, sandbox: input.sandbox, keys: keys.value.secretRef ? 'keychain' : 'environment' });
      return this.#changed(input.accountId, 'created');
    });
  }

  update(accountId: string, patch: ExchangeAccountPatch): Promise<Result<ExchangeAccount>> {
    return this.#serial(async () => {
      const row = await findExchangeAccount(this.#d.db, accountId);
      if (!row) return noAccount(accountId);
      const exchange = exchangeNamed(await this.catalogue(), row.exchangeId);
      if (!exchange.ok) return exchange;
      const checked = sandboxAllowed(exchange.value, patch.sandbox ?? row.sandbox === 1);
      if (!checked.ok) return checked;
      const keys = patch.credentials ? await this.#keysFor(exchange.value, accountId, patch.credentials) : ok(null);
      if (!keys.ok) return keys;
      const changes = {
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.sandbox !== undefined ? { sandbox: patch.sandbox ? (1 as const) : (0 as const) } : {}),
        ...(patch.options !== undefined ? { optionsJson: JSON.stringify(patch.options) } : {}),
        ...(keys.value ?? {}),
      };
      try {
        await this.#d.db.transaction().execute(async (trx) => {
          await updateExchangeAccount(trx, accountId, { ...changes, updatedAt: this.#d.clock.now() });
          const detail = { fields: Object.keys(patch).filter((k) => k !== 'credentials'), keysReplaced: keys.value !== null };
          await appendAudit(trx, this.#d.clock.now(), { action: 'account.update', entity: 'account', entityId: accountId, detail });
        });
      } catch (error) {
        if (keys.value?.secretRef) await this.#keys.forget(keys.value.secretRef);
        throw error;
      }
      // The old keys go only once the account points at the new ones.
      if (keys.value && row.secretRef) await this.#keys.forget(row.secretRef);
      this.#d.logger.info('Exchange account changed', { accountId, keysReplaced: keys.value !== null });
      return this.#changed(accountId, 'updated');
    });
  }

  /** `keysLeftInKeychain`: the keychain refused the removal just now; the entry is removed at a later start. */
  remove(accountId: string): Promise<Result<{ accountId: string; keysLeftInKeychain: boolean }>> {
    return this.#serial(async () => {
      const outcome = await this.#d.db.transaction().execute(async (trx): Promise<Result<ExchangeAccountRow>> => {
        const row = await findExchangeAccount(trx, accountId);
        if (!row) return noAccount(accountId);
        const bots = await botsOnAccount(trx, accountId);
        if (bots.length > 0) return fail('CONFLICT', `Account ${accountId} is used by ${bots.length === 1 ? 'bot' : 'bots'} ${bots.join(', ')}: move ${bots.length === 1 ? 'it' : 'them'} to another account or delete ${bots.length === 1 ? 'it' : 'them'} first`);
        await deleteExchangeAccount(trx, accountId);
        await appendAudit(trx, this.#d.clock.now(), { action: 'account.remove', entity: 'account', entityId: accountId, detail: { exchangeId: row.exchangeId } });
        return ok(row);
      });
      if (!outcome.ok) return outcome;
      const ref = outcome.value.secretRef;
      const keysLeftInKeychain = ref !== null && !(await this.#keys.forget(ref));
      this.#d.logger.info('Exchange account removed', { accountId, keysLeftInKeychain });
      this.#emit({ accountId, change: 'removed' });
      return ok({ accountId, keysLeftInKeychain });
    });
  }

  /** Loads markets and the balance with the given settings; the exchange's own error comes back plainly, with any key in it blanked. */
  async testConnection(request: ConnectionTestRequest): Promise<Result<ConnectionTest>> {
    const saved = 'accountId' in request ? await findExchangeAccount(this.#d.db, request.accountId) : undefined;
    if ('accountId' in request && !saved) return noAccount(request.accountId);
    return testConnection(request, saved && configOf(saved), { exchanges: this.#d.exchanges, catalogue: await this.catalogue(), savedCredentials: (id) => this.credentials(id) });
  }

  /** Given keys go to the keychain (refused plainly when it is unusable); none given means the host's environment must have them. */
  async #keysFor(exchange: ExchangeInfo, accountId: string, given: Credentials | undefined): Promise<Result<{ secretRef: string | null; apiKeyLast4: string | null }>> {
    if (!given) {
      const fromEnvironment = this.#d.environment.forAccount(accountId);
      const complete = fromEnvironment ? environmentComplete(exchange, accountId, fromEnvironment) : requiredCredentials(exchange, {});
      return complete.ok ? ok({ secretRef: null, apiKeyLast4: null }) : complete;
    }
    const credentials = requiredCredentials(exchange, given);
    if (!credentials.ok) return credentials;
    const ref = await this.#keys.store(accountId, credentials.value);
    return ref.ok ? ok({ secretRef: ref.value, apiKeyLast4: lastFour(credentials.value.apiKey) }) : ref;
  }

  #view(row: ExchangeAccountRow): ExchangeAccount {
    const fromEnvironment = this.#d.environment.forAccount(row.accountId);
    const keySource = row.secretRef ? 'keychain' : fromEnvironment ? 'environment' : 'missing';
    return {
      id: row.accountId,
      exchangeId: row.exchangeId,
      label: row.label,
      sandbox: row.sandbox === 1,
      currency: row.currency,
      options: JSON.parse(row.optionsJson) as Record<string, unknown>,
      configured: keySource !== 'missing',
      keySource,
      apiKeyLast4: row.apiKeyLast4 ?? lastFour(fromEnvironment?.apiKey),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  #taken(accountId: string): Result<never> {
    const message = `An account named ${accountId} exists already; pick another name`;
    return fail('CONFLICT', message, [{ path: ['accountId'], message }]);
  }

  async #changed(accountId: string, change: ExchangeAccountChange['change']): Promise<Result<ExchangeAccount>> {
    this.#emit({ accountId, change });
    return this.get(accountId);
  }

  #emit(change: ExchangeAccountChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#d.logger.error('An exchange account listener failed', { error, accountId: change.accountId });
      }
    }
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

export function configOf(row: ExchangeAccountRow): ExchangeAccountConfig {
  return { accountId: row.accountId, exchangeId: row.exchangeId, sandbox: row.sandbox === 1, options: JSON.parse(row.optionsJson) as Record<string, unknown> };
}
