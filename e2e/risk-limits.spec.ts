import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { startServe } from './serve-process.ts';

test('the trader sets account limits on the Risk page, sees an entry refused with its reason, and lifts a drawdown lock', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await api(host.url).createBot({ name: 'Hand trader', symbol: 'SOL/USDT', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1 });
    await page.goto(host.url);
    page.on('dialog', (dialog) => void dialog.accept());
    const risk = () => page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Risk' }).click();
    const paper = page.getByRole('form', { name: 'Limits of paper' });
    const governor = page.getByTestId('governor-paper');

    await risk();
    await paper.getByLabel('Time zone (IANA, e.g. Europe/Berlin)').fill('Mars/Olympus');
    await paper.getByRole('button', { name: 'Save limits' }).click();
    await expect(paper.getByRole('alert').first()).toContainText('Unknown time zone');
    await paper.getByLabel('Time zone (IANA, e.g. Europe/Berlin)').fill('UTC');
    await paper.getByLabel('Max open positions').fill('0');
    await paper.getByRole('button', { name: 'Save limits' }).click();
    await expect(page.getByRole('form', { name: 'Limits of paper' }).getByLabel('Max open positions')).toHaveValue('0');

    const ticket = page.getByRole('form', { name: 'Order ticket' });
    const placeBuy = async () => {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Bots' }).click();
      await page.getByRole('navigation', { name: 'Bots' }).getByRole('button', { name: /Hand trader/ }).click();
      await ticket.getByLabel(/^Quantity/).fill('10');
      await ticket.getByRole('button', { name: 'Place buy' }).click();
      return ticket.getByTestId('ticket-outcome');
    };
    await expect(await placeBuy()).toContainText('Refused: Max open positions 0 reached: the account already has 0');

    // A drawdown limit so tight that the fee of one fill exceeds it.
    await risk();
    await page.getByRole('form', { name: 'Limits of paper' }).getByLabel('Max open positions').fill('');
    await page.getByRole('form', { name: 'Limits of paper' }).getByLabel('Max drawdown (%)').fill('0.001');
    await page.getByRole('form', { name: 'Limits of paper' }).getByRole('button', { name: 'Save limits' }).click();
    await expect(governor).toContainText('0.001 %');
    await expect(await placeBuy()).toContainText('FILLED');
    await expect(await placeBuy()).toContainText('Refused: Max drawdown 0.001 % exceeded');

    await risk();
    const lock = governor.getByRole('alert').filter({ hasText: 'Max drawdown 0.001 % exceeded' });
    await expect(lock).toContainText('entries locked until the trader lifts the lock');
    await page.screenshot({ path: testInfo.outputPath('risk-limits.png'), fullPage: true });
    await lock.getByRole('button', { name: 'Lift' }).click();
    await expect(governor.getByRole('alert')).toHaveCount(0);
  } finally {
    await host.stop();
  }
});
