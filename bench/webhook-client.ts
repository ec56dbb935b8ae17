// Load generator for the webhook benchmark, on its own thread so it does not share the engine's event loop.
// Raw sockets, one connection per alert as TradingView sends them: fetch() costs the client about
// half a millisecond of CPU per request, so on two cores a burst measured the client, not the listener.
import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  url: string;
  passphrase: string;
  botId: string;
  /** Requests per second (0: all at once). */
  rate: number;
  count: number;
  prefix: string;
  /** Junk: a wrong passphrase and an 8 KB comment, as a scanner or a flood would send. */
  junk?: boolean;
}

const { url, passphrase, botId, rate, count, prefix, junk = false } = workerData as Job;
const JUNK_COMMENT = 'x'.repeat(7_900);
const target = new URL(url);
const results: { id: string; sentAt: number; status: number; ackMs: number }[] = [];

/** One POST over its own connection; resolves with the status code once the status line arrives (0: no answer). */
function post(body: string): Promise<number> {
  const head = `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
  return new Promise((resolve) => {
    const socket = connect({ host: target.hostname, port: Number(target.port) }, () => socket.write(head + body));
    let answered = false;
    socket.once('data', (chunk: Buffer) => {
      answered = true;
      socket.destroy();
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0));
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      if (!answered) resolve(0);
    });
  });
}

async function send(i: number): Promise<void> {
  const id = `${prefix}-${i}`;
  const fields = { passphrase, bot: botId, action: i % 2 === 0 ? 'buy' : 'sell', amount: '0.1', ticker: 'SOLUSDT', id, timenow: new Date().toISOString() };
  const body = JSON.stringify(junk ? { ...fields, passphrase: `wrong-${i}`, comment: JUNK_COMMENT } : fields);
  const sentAt = Date.now();
  const started = performance.now();
  const status = await post(body);
  results.push({ id, sentAt, status, ackMs: performance.now() - started });
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
