import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve-process.ts';

test('create a bot in the UI, watch it trade, restart the host, find it still running', async ({ page }, testInfo) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-'));
  let host = await startServe(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByText('No bots yet')).toBeVisible();

    await page.getByRole('button', { name: '+ New bot' }).click();
    // Invalid input is refused beside the field, and nothing is saved.
    await page.getByLabel('Name').fill('');
    await page.getByLabel('Slow period').fill('2');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await expect(page.getByText('Name is required')).toBeVisible();
    await expect(page.getByText('Slow period must be greater than the fast period')).toBeVisible();

    await page.getByLabel('Name').fill('E2E trend');
    await page.getByLabel('Symbol').selectOption('SOL/USDT');
    await page.getByLabel('Fast period').fill('2');
    await page.getByLabel('Slow period').fill('5');
    await page.getByLabel('Order size (base asset)').fill('1');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await expect(page.getByRole('heading', { name: 'E2E trend' })).toBeVisible();

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('bot-status')).toHaveText('running');
    await page.getByLabel('Market speed').selectOption('5');

    const chart = page.getByTestId('chart');
    await expect(chart).toHaveAttribute('data-last-bar', /\d+/);
    const firstBar = Number(await chart.getAttribute('data-last-bar'));
    await expect.poll(async () => Number(await chart.getAttribute('data-last-bar')), { timeout: 30_000 }).toBeGreaterThan(firstBar);
    await expect.poll(async () => Number(await chart.getAttribute('data-markers')), { timeout: 60_000 }).toBeGreaterThan(0);
    const trades = page.getByRole('region', { name: 'Trades' }).locator('tbody tr');
    await expect.poll(() => trades.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: testInfo.outputPath('trading.png') });

    // An order's row opens its history: every event from the write-ahead row to the fill.
    await page.getByRole('region', { name: 'Orders' }).locator('tbody tr').last().click();
    const history = page.locator('.order-detail');
    await expect(history).toContainText('submitted');
    await expect(history).toContainText('filled');
    await expect(history).toContainText('FILLED');

    const ordersBefore = await page.getByRole('region', { name: 'Orders' }).locator('tbody tr').count();
    await host.stop();
    await expect(page.getByText('Connection to the engine lost')).toBeVisible();
    host = await startServe(dataDir);
    // The page reconnects by itself when the host answers again on its port; the new host may have another port, so go there.
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'E2E trend' })).toBeVisible();
    await expect(page.getByTestId('bot-status')).toHaveText('running');
    await expect.poll(() => page.getByRole('region', { name: 'Orders' }).locator('tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(ordersBefore);
    await page.screenshot({ path: testInfo.outputPath('after-restart.png') });
  } finally {
    await host.stop();
  }
});
