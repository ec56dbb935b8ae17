import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve-process.ts';

test('a link with a wrong or missing token says so instead of reconnecting forever', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const message = 'This link’s token is not valid: open the address the host printed.';
    await page.goto(host.url.replace(/token=[^&]+/, 'token=wrong-token'));
    await expect(page.getByRole('alert')).toHaveText(message);
    await page.goto(host.url.replace(/\?token=[^&]+/, ''));
    await expect(page.getByRole('alert')).toHaveText(message);
    await expect(page.getByText('reconnecting')).toHaveCount(0);
    await expect(page.getByText('Connection to the engine lost')).toHaveCount(0);
    expect(errors).toEqual([]);
    // The printed address still works in the same tab.
    await page.goto(host.url);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('button', { name: '+ New bot' })).toBeVisible();
  } finally {
    await host.stop();
  }
});
