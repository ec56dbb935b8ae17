import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from '@playwright/test';
import e2eConfig from '../e2e/playwright.config.ts';

const TOKEN = 'bench-token-0123456789abcdef';
const SPEED = 500;
const CLIENTS = 3;
const PAUSE_CLICKS = 20;

/** `npm run bench -- --stream-seconds 30` shortens the fast-market run (default 3 minutes). */
function streamSeconds(): number {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { 'stream-seconds': { type: 'string' } }, strict: false });
  const seconds = Number(values['stream-seconds'] ?? 180);
  if (!Number.isFinite(seconds) || seconds < 10) throw new Error(`--stream-seconds must be a number of at least 10, got ${values['stream-seconds']}`);
  return seconds;
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

async function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['electron/headless/cli.ts', '--data', dataDir, '--port', '0', '--webhook-port', '0'], { env: { ...process.env, STOXROBOT_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  return { child, url };
}

function restApi(url: string) {
  const base = new URL(url).origin;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

/** Milliseconds from the Pause click until the page shows "paused", measured in the page itself. */
function timePause(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const status = document.querySelector('[data-testid="bot-status"]');
        const pause = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Pause');
        if (!status || !pause) throw new Error('no status or Pause button on the page');
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (status.textContent !== 'paused') return;
          observer.disconnect();
          resolve(performance.now() - started);
        });
        observer.observe(status, { childList: true, characterData: true, subtree: true });
        pause.click();
      }),
  );
}

/**
 * The simulated market at 500 candles/s with three headless Chromium clients watching a trading
 * bot: the host's RSS, and how long a Pause click takes to show in the UI.
 */
export async function liveStreams(): Promise<void> {
  const seconds = streamSeconds();
  console.log(`\n# Live streams: ${SPEED} candles/s for ${seconds} s, ${CLIENTS} Chromium clients, ${PAUSE_CLICKS} Pause clicks`);
  if (!existsSync('dist/renderer/index.html')) spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  const dataDir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const { child, url } = await startHost(dataDir);
  const pid = child.pid ?? 0;
  let browser: Browser | undefined;
  try {
    const call = restApi(url);
    const bots = await Promise.all(
      Object.entries({ 'BTC/USDT': 0.01, 'ETH/USDT': 0.1, 'SOL/USDT': 1 }).map(([symbol, orderQty]) =>
        call<{ id: string }>('POST', '/bots', { name: `Fast ${symbol}`, symbol, timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 5 }, orderQty, account: 'paper' }),
      ),
    );
    for (const bot of bots) await call('POST', `/bots/${bot.id}/start`, {});
    const rssAtStart = rssMb(pid);
    await call('PUT', '/market/speed', { candlesPerSecond: SPEED });

    browser = await chromium.launch(e2eConfig.use?.launchOptions);
    const pages: Page[] = [];
    let pageErrors = 0;
    for (let i = 0; i < CLIENTS; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('pageerror', () => (pageErrors += 1));
      await page.goto(`${url}#bot=${bots[0]?.id ?? ''}`);
      pages.push(page);
    }
    const watcher = pages[0];
    if (!watcher) throw new Error('no client page');
    await watcher.getByTestId('bot-status').filter({ hasText: 'running' }).waitFor();

    let rssMax = rssAtStart;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(pid))), 500);
    const pauses: number[] = [];
    const apiPauses: number[] = [];
    const spare = bots[1]?.id ?? '';
    const started = Date.now();
    const spacing = (seconds * 1000) / PAUSE_CLICKS;
    for (let click = 0; click < PAUSE_CLICKS; click++) {
      const due = started + (click + 1) * spacing;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now() - 1000)));
      pauses.push(await timePause(watcher));
      // The same request without a browser: the host's share of the latency.
      const sent = performance.now();
      await call('POST', `/bots/${spare}/pause`, {});
      apiPauses.push(performance.now() - sent);
      await call('POST', `/bots/${spare}/start`, {});
      await watcher.getByRole('button', { name: 'Start', exact: true }).click();
      await watcher.getByTestId('bot-status').filter({ hasText: 'running' }).waitFor();
    }
    clearInterval(sampler);
    console.log(`host RSS: ${rssAtStart.toFixed(0)} MB before the fast market, max ${rssMax.toFixed(0)} MB, ${rssMb(pid).toFixed(0)} MB at the end`);
    console.log(`Pause click → "paused" shown: p50 ${percentile(pauses, 50).toFixed(0)} ms, p95 ${percentile(pauses, 95).toFixed(0)} ms, max ${Math.max(...pauses).toFixed(0)} ms (${pauses.length} clicks)`);
    console.log(`the host alone (REST pause of another bot): p50 ${percentile(apiPauses, 50).toFixed(0)} ms, p95 ${percentile(apiPauses, 95).toFixed(0)} ms`);
    console.log(`uncaught page errors across ${CLIENTS} clients: ${pageErrors}`);
  } finally {
    await browser?.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
