import { CREDENTIAL_FIELDS } from '../../../shared/domain/account.ts';
import type { Credentials } from '../venues/exchange.ts';

/** `binance-main` → `BINANCE_MAIN`: environment variable names hold no `-`, so it becomes `_`. */
export const envAccountName = (accountId: string): string => accountId.toUpperCase().replace(/-/g, '_');

/** The variable holding one credential field of an account: `STOXROBOT_BINANCE_MAIN_APIKEY`. */
export const envVariable = (accountId: string, field: string): string => `STOXROBOT_${envAccountName(accountId)}_${field.toUpperCase()}`;

/**
 * Exchange keys a headless server without a keychain was given in environment variables
 * (`STOXROBOT_<ACCOUNT_ID_UPPER>_<FIELD>`, e.g. `STOXROBOT_BINANCE_MAIN_SECRET`). Read once, when
 * the engine starts, and held in memory only: never written to the database, a log or an answer.
 */
export class EnvironmentCredentials {
  readonly #byAccount: ReadonlyMap<string, Credentials>;

  constructor(env: Readonly<Record<string, string | undefined>>) {
    const byAccount = new Map<string, Record<string, string>>();
    for (const [name, value] of Object.entries(env)) {
      const field = CREDENTIAL_FIELDS.find((f) => name.endsWith(`_${f.toUpperCase()}`));
      const account = field && name.startsWith('STOXROBOT_') ? name.slice('STOXROBOT_'.length, -field.length - 1) : '';
      if (!field || !/^[A-Z0-9_]+$/.test(account) || !value?.trim()) continue;
      byAccount.set(account, { ...byAccount.get(account), [field]: value.trim() });
    }
    this.#byAccount = byAccount;
  }

  forAccount(accountId: string): Credentials | null {
    return this.#byAccount.get(envAccountName(accountId)) ?? null;
  }

  /** Names (as in the variables, `BINANCE_MAIN`) of the accounts given keys; never the keys. */
  accountNames(): string[] {
    return [...this.#byAccount.keys()].sort();
  }
}
