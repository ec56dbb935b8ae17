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
