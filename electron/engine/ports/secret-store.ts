import type { Result } from '../../../shared/errors.ts';

/** Whether secrets can be kept now; when not, one message for the trader saying why and what to do. */
export type SecretStoreStatus = { usable: true } | { usable: false; message: string };

/**
 * Where exchange keys live (the OS keychain through keytar today; Electron's `safeStorage` could
 * replace it). Callers hold only a reference: the secret itself never reaches SQLite. Every failure
 * is a value whose message is the store's one plain explanation, never the secret.
 */
export interface SecretStore {
  status(): Promise<SecretStoreStatus>;
  /** The secret under `ref`, or null when there is none. */
  get(ref: string): Promise<Result<string | null>>;
  set(ref: string, secret: string): Promise<Result<void>>;
  /** True when an entry was removed, false when there was none. */
  delete(ref: string): Promise<Result<boolean>>;
  /** Every reference the store holds, to remove entries a crash left without an owner. */
  references(): Promise<Result<string[]>>;
}
