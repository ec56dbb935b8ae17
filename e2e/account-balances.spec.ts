import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve-process.ts';

const amount = (text: string) => Number(text.replace(/,/g, ''));

test('the paper account pays for a trade, refuses a reset while a position is held, and starts over after it is closed', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await page.goto(host.url);
    const account = page.getByRole('region', { name: 'Account paper' });
    const usdt = account.getByTestId('balance-USDT').locator('td');
    await expect(usdt.nth(1)).toHaveText('10,000.00');
    await expect(account.getByTestId('account-equity')).toHaveText('10,000.00 USDT');

    await page.getByRole('button', { name: '+ New bot' }).click();
    await page.getByLabel('Name').fill('TV account');
    await page.getByLabel('Symbol').selectOption('SOL/USDT');
    await page.getByLabel('Strategy').selectOption('tradingview');
    await page.getByLabel('Max entries per position').fill('2');
    await page.getByLabel('Order size (base asset)').fill('2');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const builder = page.getByRole('region', { name: 'TradingView alert' });
    await builder.getByRole('button', { name: 'Generate new passphrase' }).click();
    await builder.getByLabel('Action').selectOption('long');
    await builder.getByRole('button', { name: 'Send test alert' }).click();
    await expect(builder.getByTestId('test-result')).toContainText('accepted');

    // 2 SOL bought at about 150 plus the 0.1% fee left the USDT balance; the SOL balance holds them.
    const entry = Number(await page.getByRole('region', { name: 'Positions' }).locator('tbody tr').first().locator('td').nth(3).innerText());
    await expect(account.getByTestId('balance-SOL').locator('td').nth(1)).toHaveText('2');
    await expect.poll(async () => amount(await usdt.nth(1).innerText())).toBeCloseTo(10_000 - 2 * entry * 1.001, 1);
    await account.screenshot({ path: testInfo.outputPath('account-after-buy.png') });

    await account.getByText('Starting balances and reset').click();
    page.once('dialog', (dialog) => void dialog.accept());
    await account.getByRole('button', { name: 'Reset account' }).click();
    await expect(account.getByRole('alert')).toHaveText('Close 1 position (long SOL/USDT held by TV account) before resetting the account');

    await builder.getByLabel('Action').selectOption('close');
    await builder.getByRole('button', { name: 'Send test alert' }).click();
    await expect(page.getByRole('region', { name: 'Positions' }).locator('tbody tr').first()).toContainText('FLAT');
    await account.getByLabel('Starting USDT').fill('2500');
    await account.getByRole('button', { name: 'Save starting balances' }).click();
    await expect(account.getByRole('status')).toHaveText('Saved: the next reset starts from these balances.');
    page.once('dialog', (dialog) => void dialog.accept());
    await account.getByRole('button', { name: 'Reset account' }).click();
    await expect(usdt.nth(1)).toHaveText('2,500.00');
    await expect(account.getByTestId('balance-SOL')).toHaveCount(0);
    await expect(account.getByTestId('account-epoch')).toContainText('reset 1 time');
    await account.screenshot({ path: testInfo.outputPath('account-after-reset.png') });
  } finally {
    await host.stop();
  }
});
