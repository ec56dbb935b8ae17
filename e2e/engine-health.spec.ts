import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve-process.ts';

test('the header shows the engine is well, and its panel lists the feed, the paper account, the listener and the disk', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await page.goto(host.url);
    const badge = page.getByTestId('health-badge');
    await expect(badge).toHaveText('Engine OK');
    await badge.click();
    const panel = page.getByRole('region', { name: 'Engine health' });
    await expect(panel.getByRole('row', { name: 'Market feed Simulated market' })).toBeVisible();
    await expect(panel.getByRole('row', { name: 'Account paper Connected' })).toBeVisible();
    await expect(panel.getByRole('row', { name: 'Webhook listener Listening' })).toBeVisible();
    await expect(panel.getByRole('row', { name: 'Disk Takes writes' })).toBeVisible();
    await badge.click();
    await expect(panel).toHaveCount(0);
  } finally {
    await host.stop();
  }
});
