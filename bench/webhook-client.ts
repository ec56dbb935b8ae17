// Load generator for the webhook benchmark, on its own thread so it does not share the engine's event loop.
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  url: string;
  passphrase: string;
  botId: string;
  /** Requests per second (0: all at once). */
  rate: number;
  count: number;
  prefix: string;
}

const { url, passphrase, botId, rate, count, prefix } = workerData as Job;
const results: { id: string; sentAt: number; status: number; ackMs: number }[] = [];

async function send(i: number): Promise<void> {
  const id = `${prefix}-${i}`;
  const body = JSON.stringify({ passphrase, bot: botId, action: i % 2 === 0 ? 'buy' : 'sell', amount: '0.1', ticker: 'SOLUSDT', id, timenow: new Date().toISOString() });
  const sentAt = Date.now();
  const started = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    results.push({ id, sentAt, status: res.status, ackMs: performance.now() - started });
  } catch {
    results.push({ id, sentAt, status: 0, ackMs: performance.now() - started });
  }
}

const inFlight: Promise<void>[] = [];
const start = performance.now();
for (let i = 0; i < count; i++) {
  if (rate > 0) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  inFlight.push(send(i));
}
await Promise.all(inFlight);
parentPort?.postMessage(results);
