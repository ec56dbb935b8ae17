import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { E2E_TOKEN, startServe } from './serve-process.ts';

interface OrderRow {
  clientOrderId: string;
  side: 'BUY' | 'SELL';
  status: string;
  rejectReason: string | null;
}

/** The host's REST API for what the UI does not show in one place: every order of a bot. */
const ordersOf = async (hostUrl: string, botId: string): Promise<OrderRow[]> => {
  const res = await fetch(`${new URL(hostUrl).origin}/api/orders?botId=${botId}&limit=1000`, { headers: { authorization: `Bearer ${E2E_TOKEN}` } });
  return (await res.json()) as OrderRow[];
};

test('the emergency stop button blocks running bots until the trader lifts it', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    const rest = api(host.url);
    const bot = await rest.createBot({ name: 'Fast trend' });
    await rest.start(bot.id);
    await rest.setSpeed(100);
    await page.goto(host.url);
    await expect.poll(async () => (await ordersOf(host.url, bot.id)).length, { timeout: 60_000 }).toBeGreaterThan(0);

    await page.getByTestId('emergency-stop').click();
    const dialog = page.getByRole('dialog', { name: 'Emergency stop' });
    await dialog.getByRole('radio', { name: /^Block/ }).check();
    await dialog.getByRole('button', { name: 'Stop now (Block)' }).click();
    const banner = page.getByTestId('emergency-banner');
    await expect(banner).toContainText('Emergency stop (Block)');
    await expect(banner).toContainText('bots, alerts and new orders are blocked');
    await expect(page.getByTestId('bots-running')).toContainText('all blocked by the emergency stop');
    await expect(page.getByRole('button', { name: /Fast trend/ }).getByTestId('entry-block')).toHaveText('locked');
    const atStop = new Set((await ordersOf(host.url, bot.id)).map((o) => o.clientOrderId));

    // The bot keeps trying: every entry (a BUY for this long-only bot) it makes after the stop is refused;
    // an exit of a position it held (a reduce-only SELL) is allowed, so a stop never traps a position.
    const entriesAfterStop = async () => (await ordersOf(host.url, bot.id)).filter((o) => !atStop.has(o.clientOrderId) && o.side === 'BUY');
    await expect.poll(async () => (await entriesAfterStop()).length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect((await entriesAfterStop()).filter((o) => o.status !== 'REJECTED' || !o.rejectReason?.includes('Emergency stop'))).toEqual([]);
    await page.getByRole('button', { name: /Fast trend/ }).first().click();
    await expect(page.getByRole('region', { name: 'Orders' })).toContainText('REJECTED');
    await page.screenshot({ path: testInfo.outputPath('emergency-stop.png'), fullPage: true });

    // Still in force after a reload; lifted only by the trader's confirmed Lift.
    await page.reload();
    await expect(page.getByTestId('emergency-banner')).toBeVisible();
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('emergency-banner').getByRole('button', { name: 'Lift' }).click();
    await expect(page.getByTestId('emergency-banner')).toHaveCount(0);
    await expect(page.getByTestId('bots-running')).not.toContainText('blocked');
    await expect(page.getByTestId('entry-block')).toHaveCount(0);
  } finally {
    await host.stop();
  }
});
