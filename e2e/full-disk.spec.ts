import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN, startServe } from './serve-process.ts';
import { fillFilesystem } from '../electron/engine/testing/fill-filesystem.ts';

test('a full disk shows a banner saying what to do, pauses the bots, and both clear once space returns', async ({ page }) => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (error) {
    rmSync(mountPoint, { recursive: true, force: true });
    test.skip(true, `mounting a tmpfs is not permitted here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()}); CI runs it as root`);
    return;
  }
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir);
  const host = await startServe(dataDir);
  try {
    const api = (path: string, body: unknown) =>
      fetch(`${new URL(host.url).origin}/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${E2E_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: string }>);
    const bot = await api('/bots', { name: 'Disk test', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 5 }, orderQty: 0.05, account: 'paper' });
    await api(`/bots/${bot.id}/start`, {});
    await page.goto(host.url);
    await expect(page.getByText('1 of 1 bots running')).toBeVisible();
    const banner = page.getByRole('alert');
    await expect(banner).toHaveCount(0);

    const filler = join(mountPoint, 'filler');
    fillFilesystem(filler);
    // The market stores a bar every second at 1 candle/s: the first one that does not fit is noticed.
    await expect(banner).toHaveText(`The disk is full: StoxRobot paused trading. Free space on ${dataDir}; trading resumes by itself.`, { timeout: 30_000 });
    await expect(page.getByText('0 of 1 bots running')).toBeVisible();

    rmSync(filler);
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByText('1 of 1 bots running')).toBeVisible();
  } finally {
    await host.stop();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
});
