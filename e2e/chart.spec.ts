import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { E2E_TOKEN, startServe } from './serve-process.ts';

/** Drags the chart to the right: older bars come into view and the latest leaves it. */
async function scrollBack(page: Page, chart: Locator): Promise<void> {
  const box = await chart.boundingBox();
  if (!box) throw new Error('the chart is not on screen');
  const y = box.y + box.height * 0.4;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 12 });
  await page.mouse.up();
}

test("a bot's chart draws its strategy's lines and panes, switches timeframe, and offers a jump back to the latest bar", async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const rest = api(host.url);
    const crossover = await rest.createBot({ name: 'Crossover', strategy: { kind: 'ma_crossover', fast: 5, slow: 20 } });
    await rest.createBot({ name: 'Oscillator', strategy: { kind: 'rsi', period: 14, oversold: 30, overbought: 70, allowShort: false } });
    await rest.setSpeed(5);

    await page.goto(host.url);
    await page.getByRole('button', { name: /Crossover/ }).click();
    const chart = page.getByTestId('chart');
    await expect(chart).toHaveAttribute('data-plots', 'SMA 5|SMA 20');
    await expect(chart).toHaveAttribute('data-panes', '1');
    await expect(chart).toHaveAttribute('data-last-bar', /\d+/);
    // A manual buy opens a position: its entry price is drawn as a level.
    const order = await fetch(`${new URL(host.url).origin}/api/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ botId: crossover.id, side: 'BUY', type: 'MARKET', qty: 0.01 }),
    });
    expect(order.ok).toBe(true);
    await expect(chart).toHaveAttribute('data-levels', 'Long entry');

    await page.getByRole('button', { name: /Oscillator/ }).click();
    await expect(chart).toHaveAttribute('data-plots', 'RSI 14|Oversold|Overbought');
    await expect(chart).toHaveAttribute('data-panes', '2');
    await page.screenshot({ path: testInfo.outputPath('rsi-pane.png') });

    // 5-minute bars: fewer of them, each opening on a multiple of 300 s, and the lines come again for them.
    const minuteBars = Number(await chart.getAttribute('data-bars'));
    await page.getByRole('group', { name: 'Chart timeframe' }).getByRole('button', { name: '5m', exact: true }).click();
    await expect(page.locator('figure.chart-figure')).toHaveAttribute('data-timeframe', '5m');
    await expect.poll(async () => Number(await chart.getAttribute('data-last-bar')) % 300, { timeout: 10_000 }).toBe(0);
    await expect.poll(async () => Number(await chart.getAttribute('data-bars'))).toBeLessThan(minuteBars);
    await expect(chart).toHaveAttribute('data-plots', 'RSI 14|Oversold|Overbought');

    const jump = page.getByRole('button', { name: /Jump to latest/ });
    await expect(jump).toHaveCount(0);
    await scrollBack(page, chart);
    await expect(jump).toBeVisible();
    // New bars keep coming (a 5m bar every second at 5 candles/s) without pulling the view back to them.
    const lastBar = Number(await chart.getAttribute('data-last-bar'));
    await expect.poll(async () => Number(await chart.getAttribute('data-last-bar')), { timeout: 15_000 }).toBeGreaterThanOrEqual(lastBar + 2 * 300);
    await expect(jump).toBeVisible();
    await expect(chart).toHaveAttribute('data-following', 'false');
    await page.screenshot({ path: testInfo.outputPath('scrolled-back.png') });
    await jump.click();
    await expect(jump).toHaveCount(0);
    await expect(chart).toHaveAttribute('data-following', 'true');
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('scrolled back in a fast market (bars skipped by the stream and read back), the view stays where the trader put it', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    const rest = api(host.url);
    await rest.createBot({ name: 'Fast', strategy: { kind: 'ma_crossover', fast: 5, slow: 20 } });
    await page.goto(host.url);
    await page.getByRole('button', { name: /Fast/ }).click();
    const chart = page.getByTestId('chart');
    await expect(chart).toHaveAttribute('data-plots', 'SMA 5|SMA 20');
    await scrollBack(page, chart);
    await expect(page.getByRole('button', { name: /Jump to latest/ })).toBeVisible();
    const from = await chart.getAttribute('data-first-visible');
    await rest.setSpeed(200);
    const lastBar = Number(await chart.getAttribute('data-last-bar'));
    await expect.poll(async () => Number(await chart.getAttribute('data-last-bar')), { timeout: 15_000 }).toBeGreaterThan(lastBar + 300 * 60);
    await expect(chart).toHaveAttribute('data-following', 'false');
    expect(await chart.getAttribute('data-first-visible')).toBe(from);
  } finally {
    await host.stop();
  }
});
