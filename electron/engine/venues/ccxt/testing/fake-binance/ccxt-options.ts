/**
 * The ccxt configuration (an account's `options`) that points ccxt's Binance client at the fake:
 * every API URL `https://HOST/PATH` becomes `http://127.0.0.1:PORT/HOST/PATH` (the host stays in the
 * path because two API groups share a path), and loadMarkets asks only for spot exchangeInfo.
 * `timeoutMs` is ccxt's request timeout: tests of unanswered requests keep it short.
 */
export async function fakeBinanceOptions(fakeUrl: string, timeoutMs = 2_000): Promise<Record<string, unknown>> {
  const ccxt = await import('ccxt');
  const api = (new ccxt.binance().urls as { api: Record<string, string> }).api;
  const rewritten = Object.fromEntries(Object.entries(api).map(([family, url]) => [family, url.replace(/^https:\/\//, `${fakeUrl}/`)]));
  return {
    timeout: timeoutMs,
    urls: { api: rewritten },
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  };
}

/** ccxt's declared Binance `rateLimit` (ms) and its weight for one private spot endpoint (`post`, `order`): for benchmarks. */
export async function binanceRateLimit(method: 'get' | 'post' | 'delete', path: string): Promise<{ rateLimitMs: number; weight: number }> {
  const ccxt = await import('ccxt');
  const exchange = new ccxt.binance();
  const api = exchange.api as { private: Record<string, Record<string, { cost?: number } | undefined> | undefined> };
  return { rateLimitMs: Number(exchange.rateLimit), weight: Number(api.private[method]?.[path]?.cost ?? 1) };
}
