import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 5;

/** Milliseconds from spawning the host until /health answers 200. */
async function timeToHealth(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['electron/headless/cli.ts', '--data', dataDir, '--port', '0', '--webhook-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (tries > 2_000) throw new Error('/health never answered');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const elapsed = performance.now() - started;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function headlessStartup(): Promise<void> {
  console.log(`\n# Headless host: process start to /health answering (median of ${RUNS})`);
  const first: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
    first.push(await timeToHealth(dir)); // empty folder: migrations and history backfill
    warm.push(await timeToHealth(dir)); // existing database
    rmSync(dir, { recursive: true, force: true });
  }
  const bare = median(await Promise.all([0, 1, 2].map(() => nodeStartup())));
  console.log(`baseline (bare \`node -e 0\`): ${bare.toFixed(0)} ms`);
  console.log(`first start (new data folder): ${median(first).toFixed(0)} ms`);
  console.log(`later start (existing data): ${median(warm).toFixed(0)} ms`);
}

async function nodeStartup(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
  return performance.now() - started;
}
