import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { startServe } from './serve-process.ts';

test('the trader buys by hand from the order ticket, sees it as Manual, and closes the position from its row', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await api(host.url).createBot({ name: 'Hand trader', symbol: 'SOL/USDT', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1 });
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Bots' }).getByRole('button', { name: /Hand trader/ }).click();
    page.on('dialog', (dialog) => void dialog.accept());

    const ticket = page.getByRole('form', { name: 'Order ticket' });
    await ticket.getByLabel(/^Quantity/).fill('0');
    await ticket.getByRole('button', { name: 'Place buy' }).click();
    await expect(ticket.getByRole('alert')).toHaveText('Quantity must be more than 0');

    await ticket.getByLabel(/^Quantity/).fill('1');
    await ticket.getByRole('button', { name: 'Place buy' }).click();
    await expect(ticket.getByTestId('ticket-outcome')).toContainText('FILLED');
    const orders = page.getByRole('region', { name: 'Orders' }).locator('tbody tr');
    await expect(orders.first()).toContainText('Manual');

    const positions = page.getByRole('region', { name: 'Positions' });
    await expect(positions).toContainText('LONG');
    await positions.getByRole('button', { name: 'Close SOL/USDT position' }).click();
    await expect(positions).not.toContainText('LONG');
    await expect(orders).toHaveCount(2);
    await expect(orders.first()).toContainText('SELL');
    await expect(orders.first()).toContainText('Manual');
    await page.screenshot({ path: testInfo.outputPath('manual-order.png') });
  } finally {
    await host.stop();
  }
});

test('the trader places a sell stop below the price (SOL starts near 150), and a sell stop above it is refused with both prices', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await api(host.url).createBot({ name: 'Stop trader', symbol: 'SOL/USDT', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1 });
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Bots' }).getByRole('button', { name: /Stop trader/ }).click();
    page.on('dialog', (dialog) => void dialog.accept());

    const ticket = page.getByRole('form', { name: 'Order ticket' });
    await ticket.getByLabel('Side').selectOption('SELL');
    await ticket.getByLabel('Type').selectOption('STOP');
    await ticket.getByRole('button', { name: 'Place sell' }).click();
    await expect(ticket.getByRole('alert')).toContainText('Trigger price must be a number');

    await ticket.getByLabel(/^Trigger price/).fill('1000000');
    await ticket.getByRole('button', { name: 'Place sell' }).click();
    await expect(ticket.getByTestId('ticket-outcome')).toContainText('Refused: A sell stop triggers when the price falls to it: the trigger 1000000 must be below the last SOL/USDT price');

    await ticket.getByLabel(/^Trigger price/).fill('10');
    await ticket.getByRole('button', { name: 'Place sell' }).click();
    await expect(ticket.getByTestId('ticket-outcome')).toContainText('ACCEPTED');
    const orders = page.getByRole('region', { name: 'Orders' }).locator('tbody tr');
    await expect(orders.first()).toContainText('STOP @ 10');
  } finally {
    await host.stop();
  }
});
