import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startEngineInThread, startEngineWorker, type ContractClient, type EngineHostHandle } from '../electron/engine/host/testing/engine-thread.ts';
import { createEngine } from '../electron/engine/index.ts';
import { silentLogger } from '../electron/engine/ports/logger.ts';

const ORDERS = 300;
const MARKET_SECONDS = 5;
const ms = (ns: number) => (ns / 1e6).toFixed(1);

/** Sends the burst from its own thread (bench/webhook-client.ts), so the host thread carries only the engine, or nothing. */
function burst(job: { url: string; passphrase: string; botId: string }): Promise<{ status: number }[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./webhook-client.ts', import.meta.url), { workerData: { ...job, rate: 0, count: ORDERS, prefix: 'burst' } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** Every alert of the burst acted on (executed, refused or failed). A cheap poll: the host thread's own work must stay small. */
async function settled(client: ContractClient): Promise<number> {
  for (let polls = 0; polls < 3_000; polls++) {
    const pending = await client.webhooks.log({ outcome: 'accepted', limit: 1 });
    if (pending.length === 0) return (await client.webhooks.log({ outcome: 'executed', limit: 1_000 })).length;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the burst never settled');
}

/** The host thread's event-loop delay while the engine (here or in a worker) takes a burst of orders. */
async function measure(label: string, start: (dataDir: string) => EngineHostHandle): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const host = start(dir);
  try {
    const first = await host.started;
    if (first.type !== 'ready') throw new Error(`engine did not start: ${JSON.stringify(first)}`);
    const { client, port } = host.connect();
    const status = await client.webhooks.status();
    const configured = await client.webhooks.configure({ ...status.settings, port: 0, rateLimitPerSecond: 100_000, rateLimitBurst: 100_000 });
    const bot = await client.bots.create({ name: 'burst', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 100 }, orderQty: 0.1, account: 'paper' });
    await client.bots.start({ id: bot.id });
    const { passphrase } = await client.webhooks.rotatePassphrase({ botId: bot.id });
    if (!configured.url) throw new Error(`webhook listener is off: ${configured.error}`);

    const delay = monitorEventLoopDelay({ resolution: 1 });
    const started = performance.now();
    delay.enable();
    const answers = await burst({ url: configured.url, passphrase, botId: bot.id });
    const executed = await settled(client);
    delay.disable(); // before the count of executed alerts, which reads 300 log rows on this thread
    const seconds = (performance.now() - started) / 1000;
    const ok = answers.filter((a) => a.status === 200).length;
    console.log(`${label}: host thread event-loop delay p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms; ${ok}/${ORDERS} answered 200, ${executed} executed in ${seconds.toFixed(2)} s`);
    port.close();
    return delay.percentile(99);
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The longest the event loop is held while the simulated market runs at its top speed: with the bots
 * paused (the market's own work) and trading (each order's commits happen inside the tick that caused it).
 */
async function marketStretch(trading: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const engine = await createEngine({ dataDir: dir, logger: silentLogger, webhook: { port: 0 }, startMarketTimer: false });
  for (const [index, symbol] of ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'BTC/USDT', 'ETH/USDT', 'SOL/USDT'].entries()) {
    const created = await engine.services.bots.create({ name: `fast ${index}`, symbol, timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 3 + index, slow: 10 + index }, orderQty: symbol === 'BTC/USDT' ? 0.001 : 0.1, account: 'paper' });
    if (!created.ok) throw new Error(created.error.message);
    await engine.services.bots.setStatus(created.value.id, trading ? 'running' : 'paused');
  }
  const speed = await engine.services.marketSource.setSpeed(1000);
  if (!speed.ok) throw new Error(speed.error.message);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  engine.services.market.start();
  await new Promise((resolve) => setTimeout(resolve, MARKET_SECONDS * 1000));
  delay.disable();
  const orders = (await engine.services.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
  const label = trading ? `6 bots trading (${orders} orders)` : '6 bots paused';
  console.log(`market at 1000 candles/s for ${MARKET_SECONDS} s, ${label}: longest synchronous stretch ${ms(delay.max)} ms (event-loop delay max), p99 ${ms(delay.percentile(99))} ms`);
}

export async function engineHostLatency(): Promise<void> {
  console.log(`\n# Host thread responsiveness: a burst of ${ORDERS} TradingView orders, engine in the host thread vs in a worker (the desktop app's utility process)`);
  const inThread = await measure('engine in the host thread (as on Electron main before)', (dir) => startEngineInThread({ dataDir: dir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } }));
  const inWorker = await measure('engine in a worker thread (as in the utility process)', (dir) => startEngineWorker(dir));
  console.log(`in-thread p99 / worker p99 = ${(inThread / inWorker).toFixed(1)}`);
  await marketStretch(false);
  await marketStretch(true);
}
