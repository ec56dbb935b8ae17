import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { startServe } from './serve-process.ts';

const FAST_MARKET_SECONDS = 20;

test('at 500 candles/s the page throws nothing, Pause shows “paused”, and a lost host is one banner, not an error storm', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  let hostRunning = true;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const rest = api(host.url);
    const bot = await rest.createBot({ name: 'Fast market', symbol: 'BTC/USDT' });
    await rest.createBot({ name: 'Second bot', symbol: 'ETH/USDT' });
    await rest.start(bot.id);
    await rest.setSpeed(500);

    await page.goto(host.url);
    await page.getByRole('button', { name: /Fast market/ }).click();
    await expect(page.getByTestId('bot-status')).toHaveText('running');
    const chart = page.getByTestId('chart');
    await expect(chart).toHaveAttribute('data-last-bar', /\d+/);
    const firstBar = Number(await chart.getAttribute('data-last-bar'));
    await page.waitForTimeout(FAST_MARKET_SECONDS * 1000);
    // The chart kept up: it shows bars minutes of market time later than when it opened.
    expect(Number(await chart.getAttribute('data-last-bar'))).toBeGreaterThan(firstBar + 60 * 100);
    await page.screenshot({ path: testInfo.outputPath('fast-market.png') });

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByTestId('bot-status')).toHaveText('paused');
    expect(errors).toEqual([]);

    await host.stop();
    hostRunning = false;
    await expect(page.getByText('Connection to the engine lost')).toHaveCount(1);
    await page.waitForTimeout(5000); // several reconnection attempts against a host that is gone
    await expect(page.getByText('Connection to the engine lost')).toHaveCount(1);
    expect(errors).toEqual([]);
  } finally {
    if (hostRunning) await host.stop();
  }
});
