import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { startServe } from './serve-process.ts';

test('a refused alert rings the bell; the alerts centre shows it and marks it read', async ({ page }, testInfo) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await page.goto(host.url);
    const bell = page.getByTestId('notification-bell');
    await expect(bell).toHaveAccessibleName('Notifications, 0 unread');
    const sent = await api(host.url).sendTestAlert({ action: 'long' });
    expect(sent.statusCode).toBe(400);
    await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
    await bell.click();
    const centre = page.getByRole('region', { name: 'Alerts centre' });
    await expect(centre).toContainText('Webhook alert refused (HTTP 400)');
    await page.screenshot({ path: testInfo.outputPath('alerts-centre.png') });
    await centre.getByRole('button', { name: 'Mark all read' }).click();
    await expect(bell).toHaveAccessibleName('Notifications, 0 unread');
    await centre.getByRole('button', { name: 'Settings' }).click();
    await expect(centre.getByLabel('Bot token')).toHaveAttribute('type', 'password');
    await centre.getByLabel('Chat id').fill('not a chat');
    await centre.getByRole('button', { name: 'Save' }).click();
    await expect(centre.getByRole('status')).toContainText('chat id');
  } finally {
    await host.stop();
  }
});
