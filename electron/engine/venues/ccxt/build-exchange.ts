import type { Exchange } from 'ccxt';
import { delay } from '../../../../shared/delay.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { Credentials, ExchangeAccountConfig } from '../exchange.ts';
import { CREDENTIAL_FIELDS, deepMerge, validateAccountOptions } from './account-options.ts';
import { exchangeClass, loadCcxt } from './load-ccxt.ts';

// Settings the trader's options cannot change: ccxt never retries on its own (a blind createOrder
// retry can double an order), the rate limiter stays on, and open orders may be listed for all symbols.
// An empty token bucket (capacity 0) makes the limiter space every request instead of letting a
// burst through after a pause (measured: 5 orders within 2 ms after an event-loop stall).
const ENFORCED = {
  enableRateLimit: true,
  tokenBucket: { capacity: 0 },
  verbose: false,
  options: { maxRetriesOnFailure: 0, warnOnFetchOpenOrdersWithoutSymbol: false, fetchOpenOrders: { warnWithoutSymbol: false } },
};

type HandleErrors = (code: number, reason: string, url: string, method: string, headers: Record<string, string>, ...rest: unknown[]) => unknown;

/** The reply's Retry-After (seconds or an HTTP date), in ms. */
function retryAfterMs(headers: Record<string, string> | undefined): number | null {
  const raw = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  if (raw === undefined) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

/**
 * Tags an error thrown for a reply with that reply's Retry-After: the header belongs to the request
 * that failed, where ccxt's `last_response_headers` is shared by concurrent requests.
 */
function keepRetryAfter(exchange: Exchange): void {
  const target = exchange as unknown as { handleErrors: HandleErrors };
  const original = target.handleErrors.bind(exchange);
  target.handleErrors = (code, reason, url, method, headers, ...rest) => {
    try {
      return original(code, reason, url, method, headers, ...rest);
    } catch (error) {
      if (typeof error === 'object' && error !== null) Object.assign(error, { retryAfterMs: retryAfterMs(headers) });
      throw error;
    }
  };
}

/**
 * ccxt's limiter weighs requests (a Binance order costs 0.2, so 10 ms apart at a 50 ms rate limit)
 * and releases them before signing, where event-loop delays can bunch them up again (measured: 20 ms
 * apart). This gate sits at ccxt's HTTP call: requests are released at least the exchange's declared
 * `rateLimit` apart, plus a tenth for the event-loop jitter between the release and the socket
 * write (measured up to 5 ms on a loaded 2-core machine; see bench/ccxt-orders.ts).
 */
const SEND_JITTER_MARGIN = 0.1;

function spaceSends(exchange: Exchange): void {
  const target = exchange as unknown as { fetch: (...args: unknown[]) => Promise<unknown> };
  const send = target.fetch.bind(exchange);
  let turn: Promise<void> = Promise.resolve();
  let earliest = 0;
  target.fetch = (...args) => {
    const mine = turn.then(async () => {
      const wait = earliest - performance.now();
      if (wait > 0) await delay(wait);
      earliest = performance.now() + Number(exchange.rateLimit || 0) * (1 + SEND_JITTER_MARGIN);
    });
    turn = mine;
    return mine.then(() => send(...args));
  };
}

/** One ccxt client for one account: the options checked and merged, the keys passed to the constructor only. */
export async function buildExchange(config: Pick<ExchangeAccountConfig, 'exchangeId' | 'sandbox' | 'options'>, credentials: Credentials): Promise<Result<Exchange>> {
  const options = validateAccountOptions(config.options);
  if (!options.ok) return options;
  const ccxt = await loadCcxt();
  const Ctor = exchangeClass(ccxt, config.exchangeId);
  if (!Ctor) return fail('INVALID_INPUT', `ccxt does not support an exchange called "${config.exchangeId}"`);
  const keys = Object.fromEntries(CREDENTIAL_FIELDS.flatMap((field) => (credentials[field] ? [[field, credentials[field]]] : [])));
  const exchange = new Ctor({ ...deepMerge(options.value, ENFORCED), ...keys });
  keepRetryAfter(exchange);
  spaceSends(exchange);
  if (config.sandbox) {
    if (!exchange.urls.test) return fail('REFUSED', `${exchange.name} has no testnet or sandbox in ccxt; turn the sandbox option off`);
    exchange.setSandboxMode(true);
  }
  return ok(exchange);
}
