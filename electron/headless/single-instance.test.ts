import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../engine/testing/temp-dir.ts';

type Host = ChildProcessByStdio<null, Readable, Readable>;
const running: Host[] = [];
afterEach(() => {
  for (const host of running.splice(0)) if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
});

/** A real headless host process; resolves when it is serving or has exited, with everything it printed. */
function startHost(dataDir: string) {
  const host = spawn(process.execPath, ['electron/headless/cli.ts', '--data', dataDir, '--port', '0', '--webhook-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(host);
  let stdout = '';
  let stderr = '';
  host.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const outcome = new Promise<{ serving: boolean; code: number | null; stderr: string }>((resolve) => {
    host.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('StoxRobot is running at')) resolve({ serving: true, code: null, stderr });
    });
    host.once('exit', (code) => resolve({ serving: false, code, stderr }));
  });
  return { host, outcome };
}

describe('one engine per data folder, across real processes', () => {
  it('refuses a second host on the same folder and names the process holding it', async () => {
    const dir = tempDir();
    const first = startHost(dir);
    expect((await first.outcome).serving).toBe(true);
    const second = await startHost(dir).outcome;
    expect(second).toMatchObject({ serving: false, code: 3 });
    expect(second.stderr).toContain(`in use by process ${first.host.pid} on ${hostname()}`);
    expect(second.stderr).toContain('close the other one, or start with another data folder');
  });

  it('starts at once after the holder was killed with SIGKILL', async () => {
    const dir = tempDir();
    const first = startHost(dir);
    expect((await first.outcome).serving).toBe(true);
    const dead = new Promise((resolve) => first.host.once('exit', resolve));
    first.host.kill('SIGKILL');
    await dead;
    expect((await startHost(dir).outcome).serving).toBe(true);
  });

  it('lets exactly one of two hosts started together run', async () => {
    const dir = tempDir();
    const outcomes = await Promise.all([startHost(dir).outcome, startHost(dir).outcome]);
    expect(outcomes.map((o) => o.serving).sort(), JSON.stringify(outcomes)).toEqual([false, true]);
    expect(outcomes.find((o) => !o.serving)?.code).toBe(3);
  });
});
