import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import { backoffDelay, type BackoffOptions } from './exchange-feed-bars.ts';

export interface FeedStatus {
  connected: boolean;
  /** Requests failed in a row; the next one waits longer after each. */
  failures: number;
  lastError: string | null;
}

export interface FeedConnectionDeps {
  exchangeId: string;
  clock: Clock;
  logger: Logger;
  random: () => number;
  backoff: BackoffOptions;
  onStatusChange?: (status: FeedStatus) => void;
}

/**
 * Whether the exchange answers: after a failed request every request waits (exponential backoff,
 * jittered, capped, at least the exchange's Retry-After); the first answer after that resets it.
 * Lost and back are each said once, not once per request.
 */
export class FeedConnection {
  readonly #deps: FeedConnectionDeps;
  #status: FeedStatus = { connected: true, failures: 0, lastError: null };
  #retryAt = 0;

  constructor(deps: FeedConnectionDeps) {
    this.#deps = deps;
  }

  get status(): FeedStatus {
    return { ...this.#status };
  }

  /** No request before this time (ms). */
  get retryAt(): number {
    return this.#retryAt;
  }

  failed(message: string, retryAfterMs: number): void {
    const failures = this.#status.failures + 1;
    const waitMs = backoffDelay(failures, this.#deps.backoff, this.#deps.random, retryAfterMs);
    this.#retryAt = this.#deps.clock.now() + waitMs;
    this.#status = { connected: false, failures, lastError: message };
    if (failures > 1) return;
    this.#deps.logger.warn('Lost the exchange feed; retrying with growing waits', { exchange: this.#deps.exchangeId, reason: message, retryInMs: waitMs });
    this.#deps.onStatusChange?.(this.status);
  }

  answered(): void {
    if (this.#status.connected) return;
    this.#deps.logger.info('Exchange feed back; filling the missed bars from where each series ends', { exchange: this.#deps.exchangeId, failedRequests: this.#status.failures });
    this.#status = { connected: true, failures: 0, lastError: null };
    this.#retryAt = 0;
    this.#deps.onStatusChange?.(this.status);
  }
}
