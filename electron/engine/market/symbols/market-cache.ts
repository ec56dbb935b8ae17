import type { Result } from '../../../../shared/errors.ts';
import type { Clock } from '../../ports/clock.ts';

/**
 * One value fetched from an exchange, kept for `ttlMs`: paging through discovery must not reload
 * 3,000 markets per page. Callers asking while a fetch is on its way share it; a failure is not kept.
 */
export class CachedFetch<T> {
  readonly #fetch: () => Promise<Result<T>>;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  #value: { at: number; value: T } | null = null;
  #pending: Promise<Result<T>> | null = null;

  constructor(fetch: () => Promise<Result<T>>, clock: Clock, ttlMs: number) {
    this.#fetch = fetch;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  get(): Promise<Result<T>> {
    const kept = this.#value;
    if (kept && this.#clock.now() - kept.at < this.#ttlMs) return Promise.resolve({ ok: true, value: kept.value });
    this.#pending ??= this.#fetch()
      .then((result) => {
        if (result.ok) this.#value = { at: this.#clock.now(), value: result.value };
        return result;
      })
      .finally(() => {
        this.#pending = null;
      });
    return this.#pending;
  }
}
