import { spawn, type ChildProcess } from 'node:child_process';

export const E2E_TOKEN = 'e2e-token-0123456789abcdef';

/**
 * Starts `npm run serve` on a free port in its own process group (npm, vite and node), and waits
 * for the URL it prints.
 */
export async function startServe(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn('npm', ['run', 'serve', '--', '--data', dataDir, '--port', '0', '--webhook-port', '0'], {
    env: { ...process.env, STOXROBOT_TOKEN: E2E_TOKEN },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
