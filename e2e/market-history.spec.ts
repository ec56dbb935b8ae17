import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const TOKEN = 'e2e-history-token-0123456789';

/** The history host (engine + fake Binance + an exchange account on it) in its own process. */
async function startHost() {
  const dataDir = mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-'));
  const child = spawn(process.execPath, ['e2e/history-host.ts', dataDir, TOKEN], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

test('imports a CSV and sees it listed, refuses a bad one by line, and backfills from the fake exchange to completion', async ({ page }) => {
  const host = await startHost();
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-csv-'));
  const good = join(dir, 'eth-daily.csv');
  writeFileSync(good, 'date,open,high,low,close,volume\n2024-01-02,2350,2420,2340,2400,1000\n2024-01-01,2300,2360,2290,2350,900\n2024-01-03,2400,2410,2200,2250,1500\n');
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'date,open,high,low,close,volume\n2024-01-01,2300,2360,2290,2350,900\n2024-01-02,2350,2300,2340,2400,1000\n');
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Market data' }).click();

    const importForm = page.getByRole('form', { name: 'Import a CSV file' });
    await importForm.getByLabel('File path').fill(good);
    await importForm.getByLabel('Symbol').fill('ETH/USDT');
    await importForm.getByLabel('Timeframe').selectOption('1d');
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('status')).toContainText('Imported 3 new bars of ETH/USDT 1d (0 already stored)');
    const row = page.getByTestId('series-csv-ETH/USDT-1d');
    await expect(row).toContainText('2024-01-01');
    await expect(row).toContainText('2024-01-03');
    await expect(row.getByRole('cell').nth(5)).toHaveText('3');

    await importForm.getByLabel('File path').fill(bad);
    await importForm.getByLabel('Symbol').fill('BAD/USDT');
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('alert')).toContainText('1 of 2 rows could not be read, so nothing was imported. line 3: high 2300 is below low 2340');
    await expect(page.getByTestId('series-csv-BAD/USDT-1d')).toHaveCount(0);

    const backfillForm = page.getByRole('form', { name: 'Backfill from an exchange' });
    await expect(backfillForm.getByLabel('Exchange account')).toHaveValue('fake-binance');
    await backfillForm.getByLabel('Symbol').fill('BTC/USDT');
    await backfillForm.getByLabel('Timeframe').selectOption('1m');
    await backfillForm.getByLabel('From (UTC)').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await backfillForm.getByRole('button', { name: 'Start backfill' }).click();
    const backfill = page.locator('[data-testid^="backfill-"]').first();
    await expect(backfill).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(backfill).toContainText('Done · 100 %');
    await expect(backfill.getByRole('progressbar')).toHaveAttribute('value', '100');
    await expect(page.getByTestId('series-binance-BTC/USDT-1m')).toBeVisible();

    // The sample history stored at first start, listed once it is written.
    await expect(async () => {
      await page.getByRole('button', { name: 'Bots' }).click();
      await page.getByRole('button', { name: 'Market data' }).click();
      await expect(page.getByTestId('series-sample-SPX-1d')).toContainText('5,105', { timeout: 1000 });
      await expect(page.getByTestId('series-sample-BTC/USDT-1m')).toContainText('525,600', { timeout: 1000 });
    }).toPass({ timeout: 60_000 });
  } finally {
    await host.stop();
  }
});
