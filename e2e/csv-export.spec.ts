import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, test } from '@playwright/test';
import { api } from './api-helpers.ts';
import { startServe } from './serve-process.ts';

const NAME = '=Hand, "trader"';

test('the trader closes a trade by hand and downloads the bot\'s trades as CSV from the headless host', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await api(host.url).createBot({ name: NAME, symbol: 'SOL/USDT', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1 });
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Bots' }).getByRole('button', { name: /Hand, "trader"/ }).click();
    page.on('dialog', (dialog) => void dialog.accept());

    const ticket = page.getByRole('form', { name: 'Order ticket' });
    await ticket.getByLabel(/^Quantity/).fill('1');
    await ticket.getByRole('button', { name: 'Place buy' }).click();
    await expect(ticket.getByTestId('ticket-outcome')).toContainText('FILLED');
    const positions = page.getByRole('region', { name: 'Positions' });
    await positions.getByRole('button', { name: 'Close SOL/USDT position' }).click();
    await expect(page.getByRole('region', { name: 'Trades' }).locator('tbody tr')).toHaveCount(1);

    const exporter = page.getByLabel('Export CSV');
    const downloading = page.waitForEvent('download');
    await exporter.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^stoxrobot-trades-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('trade_id,bot_name,bot_id,account,mode,symbol,side,quantity,')).toBe(true);
    const rows = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ bot_name: `'${NAME}`, account: 'paper', mode: 'paper', symbol: 'SOL/USDT', side: 'LONG', quantity: '1', source: 'manual' });
    expect(rows[0]!.exit_time_utc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    await expect(exporter.getByRole('status')).toContainText('Download started');
  } finally {
    await host.stop();
  }
});
