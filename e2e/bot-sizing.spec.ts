import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve-process.ts';

const number = (text: string) => Number(text.replaceAll(',', ''));

test('a bot sized by a quote amount enters with that much of the quote currency', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: '+ New bot' }).click();
    await page.getByLabel('Name').fill('SOL sized');
    await page.getByLabel('Symbol').selectOption('SOL/USDT');
    await page.getByLabel('Strategy').selectOption('tradingview');
    await page.getByLabel('Max entries per position').fill('2');
    // The amount field follows the mode, and a missing amount is refused beside it.
    await expect(page.getByLabel('Amount per entry (quote currency)')).toHaveCount(0);
    await page.getByLabel('Sizing', { exact: true }).selectOption('quote');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await expect(page.getByText('Amount per entry (quote currency) is required')).toBeVisible();
    await page.getByLabel('Amount per entry (quote currency)').fill('500');
    await page.getByLabel('Cooldown after an exit').fill('5');
    await page.screenshot({ path: testInfo.outputPath('sizing-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create bot' }).click();
    await expect(page.getByRole('heading', { name: 'SOL sized' })).toBeVisible();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('bot-status')).toHaveText('running');

    const builder = page.getByRole('region', { name: 'TradingView alert' });
    await builder.getByRole('button', { name: 'Generate new passphrase' }).click();
    await builder.getByLabel('Action').selectOption('long');
    // An alert without an amount trades the bot's own sizing.
    await builder.getByLabel('Amount', { exact: true }).fill('');
    await builder.getByRole('button', { name: 'Send test alert' }).click();
    await expect(builder.getByTestId('test-result')).toContainText('accepted');

    const order = page.getByRole('region', { name: 'Orders' }).locator('tbody tr').first();
    await expect(order).toContainText('FILLED');
    const cells = order.locator('td');
    const qty = number(await cells.nth(5).innerText());
    const fillPx = number(await cells.nth(8).innerText());
    // 500 USDT at the last price, rounded down to the 0.001 SOL step; the paper fill slips by 5 bps at most.
    expect(qty * fillPx).toBeGreaterThan(499);
    expect(qty * fillPx).toBeLessThan(501);

    // The form shows what was saved when the bot is edited.
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByTestId('bot-status')).toHaveText('stopped');
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(page.getByLabel('Amount per entry (quote currency)')).toHaveValue('500');
    await expect(page.getByLabel('Cooldown after an exit')).toHaveValue('5');
    await page.screenshot({ path: testInfo.outputPath('sized-entry.png'), fullPage: true });
  } finally {
    await host.stop();
  }
});
