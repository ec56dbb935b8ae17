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
