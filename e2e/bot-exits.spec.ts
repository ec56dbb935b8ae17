import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve-process.ts';

const priceIn = async (text: Promise<string>) => Number((await text).replace(/[^0-9.]/g, ''));

test('a bot created with a 2 % stop and two take-profits shows those levels on its position row', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: '+ New bot' }).click();
    await page.getByLabel('Name').fill('Exits');
    await page.getByLabel('Symbol').selectOption('SOL/USDT');
    await page.getByLabel('Strategy').selectOption('tradingview');
    await page.getByLabel('Order size (base asset)').fill('1');
    await page.getByLabel('Stop-loss', { exact: true }).selectOption('percent');
    await page.getByLabel('Stop-loss distance (%)').fill('2');
    for (const [i, distance] of [[1, '2'], [2, '4']] as const) {
      await page.getByRole('button', { name: 'Add take-profit' }).click();
      await page.getByLabel(`Take-profit ${i}`, { exact: true }).fill(distance);
      await page.getByLabel(`Take-profit ${i} closes (% of position)`).fill('60');
    }
    // Two shares of 60 % are more than the position: refused beside the levels, nothing saved.
    await page.getByRole('button', { name: 'Create bot' }).click();
    await expect(page.getByText('The take-profit shares add up to more than 100 %')).toBeVisible();
    await page.getByLabel('Take-profit 2 closes (% of position)').fill('40');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await expect(page.getByRole('heading', { name: 'Exits' })).toBeVisible();
    await expect(page.getByText('stop 2 % · TP 2 % (60 %), 4 % (40 %)')).toBeVisible();

    page.on('dialog', (dialog) => void dialog.accept());
    const ticket = page.getByRole('form', { name: 'Order ticket' });
    await ticket.getByLabel(/^Quantity/).fill('1');
    await ticket.getByRole('button', { name: 'Place buy' }).click();
    await expect(ticket.getByTestId('ticket-outcome')).toContainText('FILLED');

    const row = page.getByRole('region', { name: 'Positions' }).locator('tbody tr').first();
    await expect(row).toContainText('LONG');
    const levels = row.getByTestId('take-profit-level');
    await expect(levels).toHaveCount(2);
    await expect(levels.nth(0)).toContainText('(60 %)');
    await expect(levels.nth(1)).toContainText('(40 %)');
    const cells = row.locator('td');
    const headers = await page.getByRole('region', { name: 'Positions' }).locator('thead th').allTextContents();
    const avg = await priceIn(cells.nth(headers.indexOf('Avg open')).textContent().then((t) => t ?? ''));
    const stop = await priceIn(cells.nth(headers.indexOf('Stop-loss')).textContent().then((t) => t ?? ''));
    const tp2 = await priceIn(levels.nth(1).textContent().then((t) => (t ?? '').split('(')[0] ?? ''));
    expect(Math.abs(stop - avg * 0.98)).toBeLessThan(0.011);
    expect(Math.abs(tp2 - avg * 1.04)).toBeLessThan(0.011);
    await page.screenshot({ path: testInfo.outputPath('bot-exits.png') });
  } finally {
    await host.stop();
  }
});
