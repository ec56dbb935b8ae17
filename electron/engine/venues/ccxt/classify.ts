/**
 * What a failed exchange call means for what we do next:
 * - `temporary`: no answer or a server fault (the outcome of an order is unknown): look up, retry reads;
 * - `rate_limited`: the exchange asks us to slow down (the request was not processed): wait;
 * - `rejected`: the exchange answered no (final): tell the trader why;
 * - `not_found`: the exchange does not know the order (or it is no longer open);
 * - `duplicate`: an open order already carries this client id;
 * - `auth`: the keys were refused: stop the account's bots, tell the trader.
 */
export type FailureKind = 'temporary' | 'rate_limited' | 'rejected' | 'not_found' | 'duplicate' | 'auth';

export interface ExchangeFailure {
  kind: FailureKind;
  /** The exchange's own error code (Binance's `code`), when the reply had one. */
  exchangeCode: number | null;
  /** The exchange's own words (Binance's `msg`), when the reply had them. */
  exchangeMessage: string | null;
  /** ccxt's own message: it may hold URLs and keys, so it is only ever shown through redact(). */
  text: string;
  /** From the reply's Retry-After header (see build-exchange.ts), in ms. */
  retryAfterMs: number | null;
}

// ccxt's class names, most specific first: HTTP 429/418 arrive as DDoSProtection, a 5xx as OperationFailed.
const BY_CLASS: [string, FailureKind][] = [
  ['AuthenticationError', 'auth'],
  ['DDoSProtection', 'rate_limited'],
  ['RateLimitExceeded', 'rate_limited'],
  ['DuplicateOrderId', 'duplicate'],
  ['OrderNotFound', 'not_found'],
  ['OperationFailed', 'temporary'],
  ['ExchangeError', 'rejected'],
];

/** Binance's codes (https://developers.binance.com/docs/binance-spot-api-docs/errors): ccxt maps them only against Binance's real host. */
const BINANCE_CODES: Record<number, FailureKind> = {
  [-1000]: 'temporary', // unknown error while processing: the order may or may not exist
  [-1001]: 'temporary', // internal error; unable to process
  [-1006]: 'temporary', // unexpected response from the message bus: execution status unknown
  [-1007]: 'temporary', // timeout waiting for the backend: execution status unknown
  [-1008]: 'temporary', // server overloaded
  [-1016]: 'temporary', // service no longer available
  [-1021]: 'temporary', // timestamp outside recvWindow (clock drift): a fresh request may pass
  [-1003]: 'rate_limited', // too many requests / IP banned
  [-1015]: 'rate_limited', // too many new orders
  [-1002]: 'auth', // not authorized
  [-1022]: 'auth', // invalid signature
  [-2008]: 'auth', // invalid API-key id
  [-2014]: 'auth', // API-key format invalid
  [-2015]: 'auth', // invalid API-key, IP, or permissions
  [-2011]: 'not_found', // cancel of an unknown (or no longer open) order
  [-2013]: 'not_found', // order does not exist
};

function classAncestry(error: object): string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(error) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}

const isCcxtError = (names: string[]) => names.includes('BaseError');

/** The exchange's JSON error body inside ccxt's message: `binance {"code":-2010,"msg":"..."}`. */
function exchangeBody(message: string): { code: number | null; msg: string | null } {
  const code = /"code"\s*:\s*"?(-?\d+)/.exec(message)?.[1];
  const msg = /"msg"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
  return { code: code === undefined ? null : Number(code), msg: msg ?? null };
}

/** An HTTP status ccxt put in its message (`binance 429 Too Many Requests ...`, `binance GET url 503 ...`). */
function httpStatus(message: string): number | null {
  const found = /^\S+ (?:[A-Z]+ \S+ )?(\d{3}) /.exec(message)?.[1];
  return found === undefined ? null : Number(found);
}

/**
 * Classifies a ccxt error by the exchange's code first (precise, and independent of the host ccxt
 * saw), then the HTTP status, then ccxt's class. Returns null for anything that is not a ccxt
 * error: that is a bug, and the caller rethrows it.
 */
export function classifyFailure(error: unknown): ExchangeFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const names = classAncestry(error);
  if (!isCcxtError(names)) return null;
  const message = String((error as { message?: unknown }).message ?? '');
  const body = exchangeBody(message);
  const retryAfter = (error as { retryAfterMs?: unknown }).retryAfterMs;
  const status = httpStatus(message);
  const byDuplicate: FailureKind | undefined = body.msg?.startsWith('Duplicate order') ? 'duplicate' : undefined;
  const byCode = body.code === null ? undefined : BINANCE_CODES[body.code];
  const byStatus: FailureKind | undefined = status === 429 || status === 418 ? 'rate_limited' : status !== null && status >= 500 ? 'temporary' : undefined;
  const byClass = BY_CLASS.find(([name]) => names.includes(name))?.[1] ?? 'temporary';
  return {
    kind: byDuplicate ?? byCode ?? byStatus ?? byClass,
    exchangeCode: body.code,
    exchangeMessage: body.msg,
    text: message,
    retryAfterMs: typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? retryAfter : null,
  };
}
