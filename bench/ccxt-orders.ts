import { silentLogger } from '../electron/engine/ports/logger.ts';
import { createCcxtConnector } from '../electron/engine/venues/ccxt/connector.ts';
import { subscribe } from 'node:diagnostics_channel';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { binanceRateLimit, fakeBinanceOptions } from '../electron/engine/venues/ccxt/testing/fake-binance/ccxt-options.ts';
import type { FakeRequest } from '../electron/engine/venues/ccxt/testing/fake-binance/server.ts';
import type { Venue } from '../electron/engine/venues/venue.ts';

const ORDERS = 200;
const CONCURRENT = 10;
const READS = 10;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

/** The fake in its own thread, so arrival times are not skewed by this thread's event loop. */
async function startFakeInWorker() {
  const worker = new Worker(new URL('../electron/engine/venues/ccxt/testing/fake-binance/worker.ts', import.meta.url));
  const [started] = (await once(worker, 'message')) as [{ url: string; keys: { apiKey: string; secret: string } }];
  return {
    ...started,
    requests: async (): Promise<FakeRequest[]> => {
      worker.postMessage('requests');
      return ((await once(worker, 'message')) as [FakeRequest[]])[0];
    },
    close: async () => {
      worker.postMessage('close');
      await once(worker, 'exit');
    },
  };
}

/** Gaps (ms) between consecutive requests to one endpoint at the fake, by arrival time. */
function gaps(requests: FakeRequest[], endpoint: string): number[] {
  const times = requests.filter((r) => r.endpoint === endpoint).map((r) => r.ts);
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

async function placeAll(venue: Venue, label: string, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < ORDERS) {
      const id = `sr-bench-${label}-${next++}`;
      const reply = await venue.submit({ clientOrderId: id, symbol: 'BTC/USDT', side: next % 2 ? 'BUY' : 'SELL', type: 'MARKET', qty: 0.001, price: null });
      if (!reply.ok) throw new Error(`bench order refused: ${reply.error.message}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ORDERS / ((performance.now() - started) / 1000);
}

/** When each request's headers left this process (undici's own event), as the fake logs arrivals. */
function recordSends(): FakeRequest[] {
  const sent: FakeRequest[] = [];
  subscribe('undici:client:sendHeaders', (message) => {
    const { request } = message as { request: { method: string; path: string } };
    const path = request.path.split('?')[0]?.replace(/^\/[^/]*\.[^/]*(?=\/)/, '') ?? '';
    sent.push({ endpoint: `${request.method} ${path}`, ts: performance.timeOrigin + performance.now() });
  });
  return sent;
}

/**
 * The venue releases no two requests closer than the declared `rateLimit` (plus a tenth for
 * jitter); ccxt's weights space heavier requests further on average (weight x rateLimit).
 */
function printSpacing(where: string, requests: FakeRequest[], endpoint: string, declaredMs: number, ccxtWeight: number): void {
  const g = gaps(requests, endpoint);
  console.log(
    `  ${endpoint} ${where}: ${g.length + 1} requests, spacing min ${Math.min(...g).toFixed(2)} ms, p50 ${percentile(g, 50).toFixed(2)} ms; ` +
      `declared rateLimit ${declaredMs} ms: ${g.filter((x) => x < declaredMs).length} of ${g.length} gaps below it` +
      (ccxtWeight > 1 ? ` (ccxt weight ${ccxtWeight}: ${declaredMs * ccxtWeight} ms on average)` : ''),
  );
}

/** Orders per second through the ccxt venue (rate limiter on, Binance's declared limits) against the fake, and the request spacing the fake measured. */
export async function ccxtOrders(): Promise<void> {
  console.log(`\n# ccxt venue against the fake Binance (loopback), rate limiter on: ${ORDERS} market orders per run`);
  const sent = recordSends();
  const fake = await startFakeInWorker();
  const connector = createCcxtConnector({ logger: silentLogger, venueSettings: { pollMs: 60_000 } });
  const opened = await connector.openVenue({ accountId: 'bench', exchangeId: 'binance', sandbox: false, options: await fakeBinanceOptions(fake.url, 10_000) }, fake.keys);
  if (!opened.ok) throw new Error(opened.error.message);
  const venue = opened.value;
  const order = await binanceRateLimit('post', 'order');
  const account = await binanceRateLimit('get', 'account');
  try {
    for (const concurrency of [1, CONCURRENT]) {
      const [from, sentFrom] = [(await fake.requests()).length, sent.length];
      const rate = await placeAll(venue, `c${concurrency}`, concurrency);
      console.log(`${concurrency} submitter(s): ${rate.toFixed(1)} orders/s`);
      printSpacing('sent by the venue', sent.slice(sentFrom), 'POST /api/v3/order', order.rateLimitMs, order.weight);
      printSpacing('arrived at the fake', (await fake.requests()).slice(from), 'POST /api/v3/order', order.rateLimitMs, order.weight);
    }
    const [from, sentFrom] = [(await fake.requests()).length, sent.length];
    await Promise.all(Array.from({ length: READS }, () => venue.balances()));
    printSpacing('sent by the venue', sent.slice(sentFrom), 'GET /api/v3/account', account.rateLimitMs, account.weight);
    printSpacing('arrived at the fake', (await fake.requests()).slice(from), 'GET /api/v3/account', account.rateLimitMs, account.weight);
  } finally {
    await venue.close();
    await fake.close();
  }
}
