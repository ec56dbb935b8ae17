import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../engine/testing/temp-dir.ts';

/**
 * The webhook listener sizes its connection cap from the process's open-file limit (a quarter of
 * it); a UI host capped at a fixed 1024 would, where the limit is 1024 (a hard limit Node cannot
 * raise), let ~1,000 idle connections use up every descriptor: the webhook listener could no longer
 * accept, and a real TradingView alert would be reset without an answer (lost, not retried).
 */
type Host = ChildProcessByStdio<null, Readable, Readable>;
const running: Host[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const host of running.splice(0)) if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
});

/** A real headless host under `ulimit -n 1024`; resolves with its UI port and webhook URL. */
async function startHostWithFileLimit(limit: number): Promise<{ uiPort: number; webhookUrl: string }> {
  const command = `ulimit -n ${limit} && exec "${process.execPath}" electron/headless/cli.ts --data "${tempDir()}" --port 0 --webhook-port 0`;
  const host = spawn('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(host);
  let stdout = '';
  return new Promise((resolve, reject) => {
    host.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ui = /running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout);
      const webhook = /webhook listener: (http:\/\/\S+)/.exec(stdout);
      if (ui?.[1] && webhook?.[1]) resolve({ uiPort: Number(ui[1]), webhookUrl: webhook[1] });
    });
    host.once('exit', (code) => reject(new Error(`host exited ${code}: ${stdout}`)));
  });
}

describe('the UI host and the webhook listener share the open-file limit', () => {
  it('still answers a webhook alert while the UI host is flooded with idle connections', async () => {
    const { uiPort, webhookUrl } = await startHostWithFileLimit(1024);
    await Promise.all(
      Array.from({ length: 1100 }, () => new Promise<void>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: uiPort });
        sockets.push(socket);
        socket.on('error', () => resolve());
        socket.once('connect', () => {
          socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n'); // headers never finished
          resolve();
        });
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answer = await fetch(webhookUrl, { method: 'POST', body: '{"bot":"b","passphrase":"p","action":"buy"}', signal: AbortSignal.timeout(3000) })
      .then((res) => res.status)
      .catch((error: unknown) => String((error as { cause?: unknown }).cause ?? error));
    expect(answer).toBe(401);
  }, 30_000);
});
