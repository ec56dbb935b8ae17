import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve-process.ts';

test('build a TradingView alert in the UI, send a test alert, see the log row and the paper trade', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: '+ New bot' }).click();
    await page.getByLabel('Name').fill('TV signals');
    await page.getByLabel('Symbol').selectOption('SOL/USDT');
    await page.getByLabel('Strategy').selectOption('tradingview');
    await page.getByLabel('Max entries per position').fill('2');
    await page.getByLabel('Order size (base asset)').fill('1');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('bot-status')).toHaveText('running');

    const builder = page.getByRole('region', { name: 'TradingView alert' });
    await expect(builder.getByTestId('webhook-url')).toContainText('/webhook');
    await builder.getByRole('button', { name: 'Generate new passphrase' }).click();
    await expect(builder.getByLabel('Passphrase')).not.toHaveValue('');
    await builder.getByLabel('Action').selectOption('long');
    await builder.getByLabel('Stop-loss').fill('5%');
    const message = JSON.parse(await builder.getByTestId('alert-message').inputValue()) as Record<string, string>;
    expect(message).toMatchObject({ action: 'long', ticker: '{{ticker}}', stop_loss: '5%', time: '{{timenow}}' });
    expect(message.passphrase).toMatch(/^[A-Za-z0-9_-]{22}$/);

    await builder.getByRole('button', { name: 'Send test alert' }).click();
    await expect(builder.getByTestId('test-result')).toContainText('200');
    await expect(builder.getByTestId('test-result')).toContainText('accepted');

    const orders = page.getByRole('region', { name: 'Orders' }).locator('tbody tr');
    await expect(orders).toHaveCount(1);
    await expect(orders.first()).toContainText('BUY');
    await expect(orders.first()).toContainText('FILLED');
    const position = page.getByRole('region', { name: 'Positions' }).locator('tbody tr').first();
    await expect(position).toContainText('LONG');
    // The alert's 5% stop-loss is attached to the position: 95% of the entry price.
    const entry = Number((await position.locator('td').nth(3).innerText()).replaceAll(',', ''));
    await expect(position.locator('td').nth(5)).toHaveText((Math.round(entry * 0.95 * 100) / 100).toFixed(2));
    await page.screenshot({ path: testInfo.outputPath('alert-builder.png'), fullPage: true });

    await page.getByRole('button', { name: 'Webhooks' }).click();
    const log = page.getByRole('region', { name: 'Webhook log' });
    const row = log.locator('tbody tr').first();
    await expect(row).toContainText('executed');
    await expect(row).toContainText('TV signals');
    await row.click();
    await expect(log.locator('pre.body')).toContainText('"passphrase":"***"');
    await expect(log.locator('pre.body')).not.toContainText(message.passphrase ?? 'never');
    await expect(log).toContainText('Orders: sr-');
    await log.getByLabel('Filter by outcome').selectOption('unauthorized');
    await expect(log.getByText('No requests yet.')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('webhook-log.png'), fullPage: true });
  } finally {
    await host.stop();
  }
});
