import type { DomainError } from '../../../../shared/errors.ts';
import type { Credentials } from '../exchange.ts';
import type { ExchangeFailure } from './classify.ts';
import { redact } from './redact.ts';

export interface FailureContext {
  /** The exchange's display name: `Binance`. */
  exchange: string;
  /** What we asked, in the trader's words: `the order sr-…`, `the balance`. */
  action: string;
  /** The exchange's declared minimum spacing between requests (ccxt `rateLimit`), in ms. */
  rateLimitMs: number;
  credentials: Credentials;
}

const DEFAULT_PAUSE_MS = 1_000;

const withDetails = (error: Omit<DomainError, 'details'>, details: Record<string, number | boolean>): DomainError =>
  Object.keys(details).length === 0 ? error : { ...error, details };

/**
 * A failure as the engine acts on it: UNAVAILABLE (try later; `retryAfterMs` when rate-limited, at
 * least the exchange's own rate limit), REFUSED (final, with the exchange's reason; `auth: true`
 * when the keys were refused). Every text passes through redact(): no key or signature leaves.
 */
export function toDomainError(failure: ExchangeFailure, ctx: FailureContext): DomainError {
  const said = failure.exchangeMessage === null ? '' : `: ${redact(failure.exchangeMessage, ctx.credentials)}`;
  // Without the exchange's own words, ccxt's (redacted, without its `binance ` prefix) say why.
  const why = said || `: ${redact(failure.text, ctx.credentials).replace(/^\S+ /, '')}`;
  const code: Record<string, number> = failure.exchangeCode === null ? {} : { exchangeCode: failure.exchangeCode };
  switch (failure.kind) {
    case 'rate_limited': {
      const retryAfterMs = Math.max(ctx.rateLimitMs, failure.retryAfterMs ?? DEFAULT_PAUSE_MS);
      return withDetails({ code: 'UNAVAILABLE', message: `${ctx.exchange} is limiting our requests${said}; waiting ${(retryAfterMs / 1000).toFixed(1)} s before asking again` }, { retryAfterMs, rateLimited: true, ...code });
    }
    case 'temporary':
      return withDetails({ code: 'UNAVAILABLE', message: `${ctx.exchange} did not answer about ${ctx.action}${said || ' (no reply or a server fault)'}; it may work in a moment` }, code);
    case 'auth':
      return withDetails({ code: 'REFUSED', message: `${ctx.exchange} refused the API keys${why.replace(/\.$/, '')}. Check the key, its permissions and its IP allow-list` }, { auth: true, ...code });
    case 'not_found':
      return withDetails({ code: 'REFUSED', message: `${ctx.exchange} has no open order matching ${ctx.action}${said}` }, { notFound: true, ...code });
    case 'duplicate':
      return withDetails({ code: 'REFUSED', message: `${ctx.exchange} already holds an open order with the id of ${ctx.action}${said}` }, code);
    case 'rejected':
      return withDetails({ code: 'REFUSED', message: `${ctx.exchange} refused ${ctx.action}${why}` }, code);
  }
}
