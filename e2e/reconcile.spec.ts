import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { startServe } from './serve-process.ts';

/**
 * An order the venue cannot know: a paper MARKET order left ACCEPTED (the simulator keeps only
 * resting limit orders across a restart), as a crash in an older build could leave it.
 */
function leaveOrderTheVenueForgot(dataDir: string, botId: string): void {
  const db = new Database(join(dataDir, 'stoxrobot.sqlite'));
  db.prepare(
    `insert into orders (client_order_id, venue_order_id, bot_id, venue, symbol, side, type, qty, price, status, filled_qty, avg_fill_px, reject_reason, ts_init, ts_event)
     values ('sr-e2e-forgotten', 'paper-sr-e2e-forgotten', ?, 'paper', 'BTC/USDT', 'BUY', 'MARKET', 0.5, null, 'ACCEPTED', 0, null, null, 1, 1)`,
  ).run(botId);
  db.close();
}

test('the Reconcile screen lists what the venue does not know after a restart, and the trader marks it closed', async ({ page }, testInfo) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-'));
  let host = await startServe(dataDir);
  const bot = await api(host.url).createBot({ name: 'Left behind' });
  await host.stop();
  leaveOrderTheVenueForgot(dataDir, bot.id);
  host = await startServe(dataDir);
  try {
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Reconcile', exact: true }).click();
    const paper = page.getByRole('region', { name: 'Reconciliation of paper' });
    await expect(paper.getByTestId('reconcile-state')).toContainText('Reconciled at');
    const row = paper.getByTestId('mismatch-unknown_order:sr-e2e-forgotten');
    await expect(row).toContainText('Order the venue does not know');
    await expect(row).toContainText('Order sr-e2e-forgotten (BUY 0.5 BTC/USDT market) is ACCEPTED with 0 of 0.5 filled');
    await expect(row).toContainText('The venue has no record of this order');
    await paper.screenshot({ path: testInfo.outputPath('reconcile-mismatch.png') });

    await row.getByRole('button', { name: 'Mark closed' }).click();
    await expect(row).toContainText('StoxRobot closes it in its records without asking the venue.');
    await row.getByRole('button', { name: 'Confirm mark closed' }).click();
    await expect(row).toHaveCount(0);
    await expect(paper).toContainText('StoxRobot and the venue agree on every order and position.');

    // Asked again, the venue still agrees; the decision stays in the order's history.
    await paper.getByRole('button', { name: 'Reconcile now' }).click();
    await expect(paper.getByTestId('reconcile-state')).toContainText('Reconciled at');
    await expect(paper.getByRole('table', { name: 'Differences' })).toHaveCount(0);
    const base = new URL(host.url).origin;
    const detail = (await (await fetch(`${base}/api/orders/sr-e2e-forgotten`, { headers: { authorization: 'Bearer e2e-token-0123456789abcdef' } })).json()) as { order: { status: string }; events: { detail: string }[] };
    expect(detail.order.status).toBe('CANCELED');
    expect(detail.events.at(-1)?.detail).toContain('Marked closed by the trader on the Reconcile screen');
  } finally {
    await host.stop();
  }
});
