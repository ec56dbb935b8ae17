import type { Exchange } from 'ccxt';
import type { DomainError } from '../../../../shared/errors.ts';
import { delay } from '../../../../shared/delay.ts';
import type { Logger } from '../../ports/logger.ts';
import type { Credentials } from '../exchange.ts';
import { classifyFailure, type ExchangeFailure } from './classify.ts';
import { redact } from './redact.ts';
import { toDomainError } from './translate.ts';

export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: ExchangeFailure; error: DomainError };

export interface CallsDeps {
  exchange: Exchange;
  credentials: Credentials;
  logger: Logger;
  /** Told when the keys were refused (the venue reports `auth_failed`). */
  onAuthFailed?: (reason: string) => void;
  /** Back-off of retried reads and cancels: attempts after the first, and the first pause (doubling). */
  retries?: number;
  backoffMs?: number;
  signal?: AbortSignal;
}

/** A longer wait asked by the exchange is not sat out inside one call: the caller is told at once, with the time. */
const MAX_WAIT_IN_CALL_MS = 30_000;

/**
 * Every ccxt call goes through here: a ccxt error becomes an Attempt failure in our terms (logged
 * with the redacted message only: never the error object, whose properties can hold the request);
 * any other error is a bug and is thrown.
 */
export class ExchangeCalls {
  readonly exchange: Exchange;
  readonly #deps: CallsDeps;
  /**
   * Until when (wall ms) the exchange asked us to send nothing (a 429/418 and its Retry-After):
   * Binance bans an IP that keeps asking, so every call of the account is refused here meanwhile.
   */
  #quietUntil = 0;

  constructor(deps: CallsDeps) {
    this.exchange = deps.exchange;
    this.#deps = deps;
  }

  /** Text made safe to log: this account's keys and any signature cut out. */
  redact(text: string): string {
    return redact(text, this.#deps.credentials);
  }

  get rateLimitMs(): number {
    return Number(this.exchange.rateLimit) || 0;
  }

  async attempt<T>(action: string, call: (exchange: Exchange) => Promise<T>): Promise<Attempt<T>> {
    const quietMs = this.#quietUntil - Date.now();
    if (quietMs > 0) {
      const failure: ExchangeFailure = { kind: 'rate_limited', exchangeCode: null, exchangeMessage: null, text: '', retryAfterMs: quietMs };
      return { ok: false, failure, error: this.#domainError(failure, action) };
    }
    try {
      return { ok: true, value: await call(this.exchange) };
    } catch (error) {
      const failure = classifyFailure(error);
      if (!failure) throw this.#safe(error);
      const domain = this.#domainError(failure, action);
      if (failure.kind === 'rate_limited') this.#quietUntil = Math.max(this.#quietUntil, Date.now() + Number(domain.details?.retryAfterMs ?? 0));
      // "No such order" is the expected answer of most look-ups after a lost reply: not a warning.
      const log = failure.kind === 'not_found' ? this.#deps.logger.info : this.#deps.logger.warn;
      log.call(this.#deps.logger, 'Exchange call failed', { exchange: this.exchange.id, action, kind: failure.kind, exchangeCode: failure.exchangeCode, message: domain.message });
      if (failure.kind === 'auth') this.#deps.onAuthFailed?.(domain.message);
      return { ok: false, failure, error: domain };
    }
  }

  /**
   * For reads and cancels only (never an order submit): a temporary or rate-limited failure is
   * tried again after a doubling pause, at least as long as the exchange asked.
   */
  async withRetry<T>(action: string, call: (exchange: Exchange) => Promise<T>): Promise<Attempt<T>> {
    const retries = this.#deps.retries ?? 3;
    let pause = this.#deps.backoffMs ?? 500;
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.attempt(action, call);
      const retryable = !result.ok && (result.failure.kind === 'temporary' || result.failure.kind === 'rate_limited');
      if (!retryable || attempt >= retries || this.#deps.signal?.aborted) return result;
      const asked = Number(result.error.details?.retryAfterMs ?? 0);
      if (asked > MAX_WAIT_IN_CALL_MS) return result;
      await delay(Math.max(pause, asked), this.#deps.signal);
      pause *= 2;
    }
  }

  /**
   * Not a ccxt error (ccxt's parser choking on an odd answer, say): thrown on as a bug, but its text
   * made safe first, since it may quote the exchange's answer, keys and all.
   */
  #safe(error: unknown): Error {
    const safe = new Error(this.redact(error instanceof Error ? error.message : String(error)));
    if (!(error instanceof Error)) return safe;
    safe.name = error.name;
    safe.stack = this.redact(error.stack ?? '');
    return safe;
  }

  #domainError(failure: ExchangeFailure, action: string): DomainError {
    return toDomainError(failure, { exchange: this.exchange.name ?? this.exchange.id, action, rateLimitMs: this.rateLimitMs, credentials: this.#deps.credentials });
  }
}
