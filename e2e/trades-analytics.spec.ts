import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { E2E_TOKEN, startServe } from './serve-process.ts';

/** Round trips placed by hand through the REST API: each BUY then reduce-only SELL closes one trade. */
async function roundTrips(hostUrl: string, botId: string, qty: number, count: number): Promise<void> {
  const post = (body: object) => fetch(`${new URL(hostUrl).origin}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${E2E_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (let i = 0; i < count; i++) {
    expect((await post({ botId, side: 'BUY', type: 'MARKET', qty })).ok).toBe(true);
    expect((await post({ botId, side: 'SELL', type: 'MARKET', qty, reduceOnly: true })).ok).toBe(true);
  }
}

test('the trader filters the trade history, opens a trade, and reads the analytics dashboard', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    const sol = await api(host.url).createBot({ name: 'Sol hands', symbol: 'SOL/USDT', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1 });
    const btc = await api(host.url).createBot({ name: 'Btc hands', symbol: 'BTC/USDT', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 0.01 });
    await roundTrips(host.url, sol.id, 1, 3);
    await roundTrips(host.url, btc.id, 0.01, 2);
    await page.goto(host.url);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Trades' }).click();
    await expect(page.getByTestId('totals-count')).toHaveText('5');
    const rows = page.getByTestId('trade-row');
    await expect(rows).toHaveCount(5);
    await expect(rows.first()).toContainText('Paper');

    const filter = page.getByRole('form', { name: 'Trade filter' });
    await filter.getByLabel('Bot').selectOption({ label: 'Sol hands' });
    await filter.getByRole('button', { name: 'Apply filter' }).click();
    await expect(page.getByTestId('totals-count')).toHaveText('3');
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: 'BTC/USDT' })).toHaveCount(0);

    await filter.getByLabel('Side').selectOption('SHORT');
    await filter.getByRole('button', { name: 'Apply filter' }).click();
    await expect(page.getByTestId('totals-count')).toHaveText('0');
    await expect(page.getByRole('table', { name: 'Trade history' })).toContainText('No trade matches this filter.');

    await filter.getByLabel('P&L at least').fill('abc');
    await filter.getByRole('button', { name: 'Apply filter' }).click();
    await expect(filter).toContainText('Give a number');

    await filter.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByTestId('totals-count')).toHaveText('5');
    await page.getByRole('columnheader', { name: /Symbol/ }).getByRole('button').click();
    await expect(rows.first()).toContainText('SOL/USDT');
    await page.getByRole('columnheader', { name: /Symbol/ }).getByRole('button').click();
    await expect(rows.first()).toContainText('BTC/USDT');

    await rows.first().click();
    const detail = page.getByRole('region', { name: /^Trade #\d+/ });
    await expect(detail).toContainText('Btc hands');
    await expect(detail.getByTestId('trade-cause')).toHaveText('Cause: An order placed by hand');
    await expect(detail.getByRole('table', { name: 'Entries' }).locator('tbody tr')).toHaveCount(1);
    await expect(detail.getByRole('table', { name: 'Exits' }).locator('tbody tr')).toHaveCount(1);
    await detail.screenshot({ path: testInfo.outputPath('trade-detail.png') });

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Analytics' }).click();
    const total = page.getByTestId('performance-total');
    await expect(total).toContainText('All bots');
    await expect(page.getByTestId('performance-bot')).toHaveCount(2);
    await expect(page.getByTestId('equity-chart').locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('pnl-chart').locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('symbol-pnl')).toHaveCount(2);
    await expect(page.getByTestId('correlation')).toContainText('Sol hands');
    await expect(page.getByRole('region', { name: 'Returns calendar' }).locator('table.calendar')).toHaveCount(1);

    // Live: one more trade and the dashboard counts it without a reload (re-read at most every 3 s during a burst of fills).
    const tradesCell = total.locator('td').nth(13);
    await expect(tradesCell).toHaveText('5');
    await roundTrips(host.url, sol.id, 1, 1);
    await expect(tradesCell).toHaveText('6', { timeout: 15_000 });
    for (const name of ['Equity and drawdown', 'P&L by period', 'Returns calendar']) await page.getByRole('region', { name }).screenshot({ path: testInfo.outputPath(`${name}.png`) });
  } finally {
    await host.stop();
  }
});
