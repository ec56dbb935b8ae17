import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { api } from './api-helpers.ts';
import { E2E_TOKEN, startServe } from './serve-process.ts';

const tvBot = (name: string, symbol: string) => ({ name, symbol, strategy: { kind: 'tradingview' as const, maxEntries: 5 }, orderQty: 0.1 });

/** A manual order through the host's REST API (the order ticket's own call). */
const placeOrder = async (hostUrl: string, order: object) => {
  const res = await fetch(`${new URL(hostUrl).origin}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${E2E_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(order) });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; rejectReason: string | null };
};

const botButton = (page: Page, name: string) => page.getByRole('navigation', { name: 'Bots' }).getByRole('button', { name: new RegExp(name) });

test('the emergency stop shows every bot locked, and lifting it shows them free again', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    const rest = api(host.url);
    await rest.createBot(tvBot('Sol signals', 'SOL/USDT'));
    await rest.createBot({ name: 'Btc trend' });
    await page.goto(host.url);
    await expect(botButton(page, 'Sol signals')).toBeVisible();
    await expect(page.getByTestId('entry-block')).toHaveCount(0);

    await page.getByTestId('emergency-stop').click();
    const dialog = page.getByRole('dialog', { name: 'Emergency stop' });
    await dialog.getByRole('radio', { name: /^Block/ }).check();
    await dialog.getByRole('button', { name: 'Stop now (Block)' }).click();
    await expect(botButton(page, 'Sol signals').getByTestId('entry-block')).toHaveText('locked');
    await expect(botButton(page, 'Btc trend').getByTestId('entry-block')).toHaveText('locked');
    await botButton(page, 'Btc trend').click();
    await expect(page.getByRole('region', { name: 'Bot Btc trend' }).getByTestId('entry-block')).toContainText('Cannot enter: Emergency stop');

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('emergency-banner').getByRole('button', { name: 'Lift' }).click();
    await expect(page.getByTestId('entry-block')).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('a cooldown set on the Risk page locks the symbol after a close, shows its end time, and the trader lifts it', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    const bot = await api(host.url).createBot(tvBot('Sol signals', 'SOL/USDT'));
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Risk', exact: true }).click();
    const form = page.getByRole('form', { name: 'Protections' });
    await form.getByLabel('No new entry in a symbol right after its position closes').check();
    await form.getByLabel('Cooldown (min)').fill('0');
    await form.getByRole('button', { name: 'Save protections' }).click();
    await expect(form.getByRole('alert')).toContainText('at least 1 minute');
    await form.getByLabel('Cooldown (min)').fill('240');
    await form.getByRole('button', { name: 'Save protections' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved');

    expect((await placeOrder(host.url, { botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).status).toBe('FILLED');
    expect((await placeOrder(host.url, { botId: bot.id, side: 'SELL', type: 'MARKET', qty: 0.1, reduceOnly: true })).status).toBe('FILLED');
    const row = page.getByTestId('lock-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('SOL/USDT');
    await expect(row).toContainText('Cooldown');
    await expect(row).toContainText(/\d\d:\d\d UTC/);
    await expect(row).toContainText('holding');
    await expect(botButton(page, 'Sol signals').getByTestId('entry-block')).toHaveText('locked');
    const refused = await placeOrder(host.url, { botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.1 });
    expect(refused.rejectReason).toMatch(/^SOL\/USDT on account paper locked until .*UTC: 240 min cooldown/);
    await botButton(page, 'Sol signals').click();
    await page.getByRole('button', { name: 'Risk', exact: true }).click();
    await page.getByRole('table', { name: 'Locks' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('risk-locks.png') });

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Lift' }).click();
    await expect(row).toContainText('lifted');
    await expect(page.getByTestId('entry-block')).toHaveCount(0);
    expect((await placeOrder(host.url, { botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).status).toBe('FILLED');
  } finally {
    await host.stop();
  }
});
