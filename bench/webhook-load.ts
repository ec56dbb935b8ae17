import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { sql } from 'kysely';
import { parseAlert } from '../electron/engine/alerts/parse-alert.ts';
import { DEFAULT_WEBHOOK_SETTINGS } from '../electron/engine/alerts/webhook-service.ts';
import { createEngine, DATABASE_FILE, type Engine } from '../electron/engine/index.ts';
import { silentLogger } from '../electron/engine/ports/logger.ts';
import { commitCostMs, databaseBytes } from './disk-cost.ts';

const SUSTAINED_RATE = 200;
const SUSTAINED_SECONDS = 30;
const BURST = 2_000;
const JUNK = 1_000;
const FUZZ_RUNS = 100_000;

type Result = { id: string; sentAt: number; status: number; ackMs: number };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/**
 * When each order was seen filled, in wall time: the engine stamps fills in market time (the
 * simulated clock, standing still here), which cannot be compared with when the alert was sent.
 */
const filledAt = new Map<string, number>();

/** Longest stall of the engine's own thread during the last load, in ms: tells a slow listener from a busy machine. */
let engineStallMs = 0;

async function load(job: { url: string; passphrase: string; botId: string; rate: number; count: number; prefix: string; junk?: boolean }): Promise<Result[]> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const results = await new Promise<Result[]>((resolve, reject) => {
    const worker = new Worker(new URL('./webhook-client.ts', import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  delay.disable();
  engineStallMs = delay.percentile(99) / 1e6;
  return results;
}

/**
 * Every 2xx must have its alert row, acted on: executed with a filled order, or refused by a rule
 * (the pyramiding limit, when a burst arrives out of order) with its reason. Anything else is lost.
 */
async function audit(engine: Engine, results: Result[]) {
  const db = engine.services.db;
  const alerts = await db.selectFrom('alerts').select(['commandJson', 'status', 'orderIdsJson']).execute();
  const byId = new Map(alerts.map((a) => [(JSON.parse(a.commandJson) as { id: string }).id, a]));
  let lost = 0;
  let refused = 0;
  const toFill: number[] = [];
  for (const r of results.filter((x) => x.status >= 200 && x.status < 300)) {
    const alert = byId.get(r.id);
    const orderId = alert ? (JSON.parse(alert.orderIdsJson) as string[])[0] : undefined;
    const filled = orderId === undefined ? undefined : filledAt.get(orderId);
    if (alert?.status === 'refused') refused += 1;
    else if (!alert || alert.status !== 'executed' || filled === undefined) lost += 1;
    else toFill.push(filled - r.sentAt);
  }
  return { lost, refused, toFill };
}

async function settle(engine: Engine) {
  for (;;) {
    const pending = await engine.services.db.selectFrom('alerts').select('id').where('status', '=', 'pending').limit(1).execute();
    if (pending.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function report(label: string, results: Result[], audited: { lost: number; refused: number; toFill: number[] }) {
  const ok = results.filter((r) => r.status === 200).length;
  const acks = results.map((r) => r.ackMs);
  console.log(
    `${label}: ${results.length} sent, ${ok} answered 200, other: ${results.length - ok}; ack p50 ${percentile(acks, 50).toFixed(1)} ms, p99 ${percentile(acks, 99).toFixed(1)} ms; ` +
      `alert -> paper fill p50 ${percentile(audited.toFill, 50).toFixed(0)} ms, p99 ${percentile(audited.toFill, 99).toFixed(0)} ms; engine event-loop delay p99 ${engineStallMs.toFixed(1)} ms; refused by a rule: ${audited.refused}; lost alerts: ${audited.lost}`,
  );
}

export async function webhookLoad(): Promise<void> {
  console.log(`\n# TradingView listener on loopback: ${SUSTAINED_RATE} req/s for ${SUSTAINED_SECONDS} s, then a burst of ${BURST}, then ${JUNK} junk posts (client on its own thread, one connection per alert)`);
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  console.log(`disk: one durable commit (WAL, synchronous=FULL) takes ${commitCostMs(dir).toFixed(2)} ms (p50 of single-row commits in the bench's data folder)`);
  const engine = await createEngine({ dataDir: dir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
  engine.services.orders.onOrderUpdate((order) => {
    if (order.status === 'FILLED' && !filledAt.has(order.clientOrderId)) filledAt.set(order.clientOrderId, Date.now());
  });
  const status = await engine.services.webhooks.configure({ ...DEFAULT_WEBHOOK_SETTINGS, port: 0, rateLimitPerSecond: 100_000, rateLimitBurst: 100_000 });
  const created = await engine.services.bots.create({ name: 'load', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 100 }, orderQty: 0.1, account: 'paper' });
  if (!created.ok) throw new Error(created.error.message);
  await engine.services.bots.setStatus(created.value.id, 'running');
  const rotated = await engine.services.webhooks.rotatePassphrase(created.value.id);
  if (!rotated.ok) throw new Error(rotated.error.message);
  const job = { url: status.url ?? '', passphrase: rotated.value.passphrase, botId: created.value.id };

  const sustained = await load({ ...job, rate: SUSTAINED_RATE, count: SUSTAINED_RATE * SUSTAINED_SECONDS, prefix: 's' });
  await settle(engine);
  report('sustained', sustained, await audit(engine, sustained));
  const burst = await load({ ...job, rate: 0, count: BURST, prefix: 'b' });
  await settle(engine);
  report('burst', burst, await audit(engine, burst));
  await junkGrowth(engine, job, join(dir, DATABASE_FILE));
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** What an unauthenticated sender can add to the database: 1,000 posts of 8 KB with wrong passphrases. */
async function junkGrowth(engine: Engine, job: { url: string; passphrase: string; botId: string }, file: string) {
  const checkpoint = () => sql`pragma wal_checkpoint(TRUNCATE)`.execute(engine.services.db);
  await checkpoint();
  const before = databaseBytes(file);
  const rowsBefore = await engine.services.db.selectFrom('webhookLog').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const junk = await load({ ...job, rate: 0, count: JUNK, prefix: 'j', junk: true });
  await checkpoint();
  const rowsAfter = await engine.services.db.selectFrom('webhookLog').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const statuses = [...new Set(junk.map((r) => r.status))].sort().join('/');
  console.log(`junk: ${JUNK} posts of 8 KB with wrong passphrases, answered ${statuses}; log rows +${rowsAfter.n - rowsBefore.n}; database +${((databaseBytes(file) - before) / 1024).toFixed(0)} KB`);
}

export function webhookFuzz(): void {
  console.log(`\n# Alert parser fuzz: ${FUZZ_RUNS.toLocaleString()} payloads (random text, JSON, hostile keys and numbers)`);
  const payloads = fc.sample(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ passphrase: 'p', bot: 'b', action: 'buy', amount: v }))), FUZZ_RUNS);
  let crashes = 0;
  let accepted = 0;
  const started = performance.now();
  for (const body of payloads) {
    try {
      if (parseAlert(body).ok) accepted += 1;
    } catch {
      crashes += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${FUZZ_RUNS.toLocaleString()} parsed in ${seconds.toFixed(2)} s; accepted ${accepted.toLocaleString()}, crashes: ${crashes}; Object.prototype polluted: ${'polluted' in Object.prototype}`);
}
