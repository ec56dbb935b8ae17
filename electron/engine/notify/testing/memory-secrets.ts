import { ok, type Result } from '../../../../shared/errors.ts';
import type { SecretStore, SecretStoreStatus } from '../../ports/secret-store.ts';

/** A secret store in memory, for tests that must not reach the OS keychain. */
export class MemorySecrets implements SecretStore {
  readonly entries = new Map<string, string>();

  async status(): Promise<SecretStoreStatus> {
    return { usable: true };
  }
  async get(ref: string): Promise<Result<string | null>> {
    return ok(this.entries.get(ref) ?? null);
  }
  async set(ref: string, secret: string): Promise<Result<void>> {
    this.entries.set(ref, secret);
    return ok(undefined);
  }
  async delete(ref: string): Promise<Result<boolean>> {
    return ok(this.entries.delete(ref));
  }
  async references(): Promise<Result<string[]>> {
    return ok([...this.entries.keys()]);
  }
}
