import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, test } from '@playwright/test';
import { startServe } from './serve-process.ts';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The simulated market stores 1,500 one-minute BTC/USDT bars of history on the first start: from yesterday to now. */
async function fillSeries(panel: Locator) {
  await panel.getByLabel('From (UTC)').fill(day(Date.now() - 2 * 86_400_000));
  await panel.getByLabel('To (UTC, included)').fill(day(Date.now()));
}

test('searches MA crossover parameters and replays alerts with a tighter stop from the Optimise tab', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Optimise' }).click();

    const search = page.getByRole('region', { name: 'Optimise parameters' });
    await fillSeries(search);
    await search.getByLabel('Fast period search').selectOption('range');
    await search.getByLabel('Fast period from').fill('2');
    await search.getByLabel('Fast period to').fill('6');
    await search.getByLabel('Fast period step').fill('2');
    await search.getByLabel('Slow period search').selectOption('values');
    await search.getByLabel('Slow period values').fill('4, 20');
    await search.getByRole('button', { name: 'Run search' }).click();
    // fast {2, 4, 6} × slow {4, 20}: 4 and 6 against 4 are refused.
    await expect(search.getByLabel('Search summary')).toContainText('4 sets tested', { timeout: 30_000 });
    await expect(search.getByLabel('Search summary')).toContainText('2 skipped (Slow period must be greater than the fast period)');
    await expect(search.locator('.optimize-ranking tbody tr')).toHaveCount(4);

    const replay = page.getByRole('region', { name: 'Replay alerts' });
    await fillSeries(replay);
    await replay.getByLabel('Alerts CSV').fill(['time,action,stop_loss', 'yesterday,long,3%'].join('\n'));
    await replay.getByRole('button', { name: 'Replay' }).click();
    await expect(replay.getByRole('alert')).toContainText('Line 2: time "yesterday" is not an ISO date');

    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await replay.getByLabel('Alerts CSV').fill(['time,action,stop_loss', `${hoursAgo(20)},long,3%`, `${hoursAgo(10)},close,`].join('\n'));
    await replay.getByLabel('Stop-loss', { exact: true }).selectOption('percent');
    await replay.getByLabel('Stop-loss percent').fill('2');
    await replay.getByRole('button', { name: 'Replay' }).click();
    await expect(replay.getByLabel('Replay summary')).toContainText('2 alerts replayed; 0 outside the candles');
    await expect(replay.locator('.replay-metrics tbody td').last()).toHaveText('1');
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
  }
});
