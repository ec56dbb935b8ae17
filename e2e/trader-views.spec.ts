import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { startServe } from './serve-process.ts';

const LONG_NAME = 'Momentum-breakout-with-volatility-filter-and-trailing-exit-BTC-spot-v12';
const SPACED_NAME = 'A rather long bot name that a trader typed to remember what it does';

/** The page, and the scrolling main area inside it, are no wider than the window (a wide table scrolls inside its own panel). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const main = document.querySelector('.main');
    return { page: document.documentElement.scrollWidth, main: main ? main.scrollWidth - main.clientWidth : 0 };
  });
  expect(widths.page).toBeLessThanOrEqual(1024);
  expect(widths.main).toBeLessThanOrEqual(0);
}

test.use({ viewport: { width: 1024, height: 768 } });

test('at 1024 px with long names nothing scrolls sideways, badges keep their size, long log reasons stay in their panel', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    const rest = api(host.url);
    const long = await rest.createBot({ name: LONG_NAME, strategy: { kind: 'tradingview', maxEntries: 1 } });
    await rest.createBot({ name: SPACED_NAME });
    await rest.createBot({ name: 'BTC' });
    // A refused alert naming the long bot, with a long reason, lands in the webhook log.
    await rest.sendTestAlert({ bot: long.id, passphrase: 'wrong-passphrase-0123456789', action: 'buy', ticker: 'BTCUSDT', comment: 'x'.repeat(300) });
    await rest.sendTestAlert({ bot: long.id, passphrase: 'wrong', action: 'buy' }).catch(() => undefined);

    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: LONG_NAME })).toBeVisible();
    await expectNoSidewaysScroll(page);

    const badges = page.locator('.sidebar .status');
    await expect(badges).toHaveCount(3);
    const sizes = await badges.evaluateAll((els) => els.map((el) => `${el.getBoundingClientRect().width}x${el.getBoundingClientRect().height}`));
    expect(new Set(sizes).size).toBe(1);
    await page.screenshot({ path: testInfo.outputPath('bots-1024.png') });

    await page.getByRole('button', { name: 'Webhooks' }).click();
    const log = page.getByRole('region', { name: 'Webhook log' });
    await expect(log.locator('tbody tr').first()).toContainText('unauthorized');
    await expect(log.locator('tbody tr').first()).toContainText(LONG_NAME);
    expect(await log.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath('webhooks-1024.png'), fullPage: true });
  } finally {
    await host.stop();
  }
});

test('the selected bot survives a reload; Delete says why it cannot; a stopped bot closes its position; header P&L equals the table', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  try {
    const rest = api(host.url);
    await rest.createBot({ name: 'First' });
    const second = await rest.createBot({ name: 'Signals', symbol: 'SOL/USDT', orderQty: 1, strategy: { kind: 'tradingview', maxEntries: 1 } });
    await rest.start(second.id);

    await page.goto(host.url);
    await page.getByRole('button', { name: /Signals/ }).click();
    await expect(page.getByRole('heading', { name: 'Signals' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Signals' })).toBeVisible();

    // A long position through a real alert (the builder's passphrase, sent to the listener).
    const builder = page.getByRole('region', { name: 'TradingView alert' });
    await builder.getByRole('button', { name: 'Generate new passphrase' }).click();
    await builder.getByLabel('Action').selectOption('long');
    await builder.getByRole('button', { name: 'Send test alert' }).click();
    await expect(builder.getByTestId('test-result')).toContainText('200');
    const position = page.getByRole('region', { name: 'Positions' }).locator('tbody tr').first();
    await expect(position).toContainText('LONG');

    // The header adds up exactly what the positions table shows.
    const unrealizedCell = position.locator('td').nth(7);
    await expect.poll(async () => (await page.getByTestId('bot-unrealized').innerText()) === (await unrealizedCell.innerText())).toBe(true);

    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('alert')).toContainText('Stop Signals before deleting it');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByTestId('bot-status')).toHaveText('stopped');
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('alert')).toContainText('Signals still holds LONG 1.000 SOL/USDT');
    expect(dialogs).toEqual([]);

    await page.getByRole('button', { name: 'Close position' }).click();
    expect(dialogs).toEqual(['Close LONG 1.000 SOL/USDT at market?']);
    await expect(position).toContainText('FLAT');
    const trade = page.getByRole('region', { name: 'Trades' }).locator('tbody tr').first();
    await expect(trade).toContainText('SOL/USDT');
    await expect(page.getByTestId('bot-unrealized')).toHaveText('0.00 USDT');
    await expectNoSidewaysScroll(page);
  } finally {
    await host.stop();
  }
});
