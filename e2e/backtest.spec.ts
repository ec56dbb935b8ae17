import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN, startServe } from './serve-process.ts';

/** The sample history is written in the background at first start: wait until both series are complete. */
async function waitForSample(hostUrl: string): Promise<void> {
  const base = new URL(hostUrl).origin;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${base}/api/history/series`, { headers: { authorization: `Bearer ${E2E_TOKEN}` } });
        const series = res.ok ? ((await res.json()) as { venue: string; symbol: string; count: number }[]) : [];
        return series.filter((s) => s.venue === 'sample').map((s) => `${s.symbol}:${s.count}`).sort();
      },
      { timeout: 90_000 },
    )
    .toEqual(['BTC/USDT:525600', 'SPX:5105']);
}

async function runBacktest(page: Page, series: RegExp, from: string, to: string, params: Record<string, string>) {
  const form = page.getByRole('form', { name: 'Run a backtest' });
  const option = form.getByLabel('Series').locator('option', { hasText: series });
  await expect(option).toHaveCount(1);
  await form.getByLabel('Series').selectOption({ label: (await option.textContent()) ?? '' });
  await form.getByLabel('First day (UTC)').fill(from);
  await form.getByLabel('Last day (UTC, included)').fill(to);
  for (const [label, value] of Object.entries(params)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Run backtest' }).click();
}

test('runs backtests on the sample history from the UI, compares two, and creates a bot from one', async ({ page }) => {
  const host = await startServe(mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-')));
  try {
    await waitForSample(host.url);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Backtest', exact: true }).click();

    // First run: S&P 500 daily, SMA 10/50, over 2000 to 2009.
    await runBacktest(page, /^SPX 1d/, '2000-01-01', '2009-12-31', { 'Fast period': '10', 'Slow period': '50', 'Order size (base asset)': '1', 'Fee per fill (basis points; 10 = 0.1 %)': '0' });
    const result = page.getByRole('region', { name: 'Backtest result' });
    await expect(result.getByRole('heading', { level: 2 })).toHaveText('SMA 10/50 · SPX 1d');
    const metrics = result.getByRole('table', { name: 'Metrics' });
    for (const label of ['Net profit', 'CAGR', 'Sharpe ratio', 'Max drawdown', 'Buy and hold return', 'Exposure']) await expect(metrics.getByRole('row', { name: new RegExp(`^${label}`) })).toBeVisible();
    await expect(metrics.getByRole('row', { name: /^Bars/ })).toContainText('2,515');
    await expect(result).toContainText('risk-free rate of 0');
    const equity = page.getByTestId('equity-chart');
    // The saved curve keeps each stretch's low and last point: over a thousand of the 2,515 bars here.
    await expect.poll(async () => Number(await equity.getAttribute('data-points'))).toBeGreaterThan(1000);
    expect(Number(await equity.getAttribute('data-deepest-drawdown'))).toBeLessThan(0);
    await expect(equity.locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('trades-chart')).toHaveAttribute('data-bars', '2515');
    const trades = Number((await metrics.getByRole('row', { name: /^Trades/ }).locator('td').textContent()) ?? '0');
    expect(trades).toBeGreaterThan(0);
    const markers = Number(await page.getByTestId('trades-chart').getAttribute('data-markers'));
    expect(markers === trades * 2 || markers === trades * 2 + 1).toBe(true);
    await expect(page.getByRole('region', { name: 'Backtest trades' })).toContainText(`Trades (${trades})`);

    // Second run: EMA 20/100 on the same range.
    await page.getByRole('form', { name: 'Run a backtest' }).getByLabel('Average').selectOption('ema');
    await runBacktest(page, /^SPX 1d/, '2000-01-01', '2009-12-31', { 'Fast period': '20', 'Slow period': '100' });
    await expect(result.getByRole('heading', { level: 2 })).toHaveText('EMA 20/100 · SPX 1d');

    const saved = page.getByRole('region', { name: 'Saved backtests' });
    await saved.getByRole('checkbox', { name: 'Compare SMA 10/50 · SPX 1d' }).check();
    await saved.getByRole('checkbox', { name: 'Compare EMA 20/100 · SPX 1d' }).check();
    const compare = page.getByRole('region', { name: 'Compare runs' });
    await expect(compare.getByRole('table', { name: 'Compared metrics' }).getByRole('columnheader')).toHaveText(['Metric', '1. SMA 10/50 · SPX 1d', '2. EMA 20/100 · SPX 1d']);
    await expect(page.getByTestId('compare-chart')).toHaveAttribute('data-curves', '2');

    // A cancelled run saves nothing.
    await runBacktest(page, /^BTC\/USDT 1m · sample/, '2025-01-01', '2025-12-31', {});
    await page.getByRole('status', { name: 'Backtest progress' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Backtest cancelled: nothing was saved' })).toBeVisible();
    await expect(saved.getByRole('row')).toHaveCount(3);

    // A bot from a BTC/USDT run: the form opens filled in from the run.
    await runBacktest(page, /^BTC\/USDT 1m · sample/, '2025-03-01', '2025-03-02', { 'Fast period': '5', 'Slow period': '20', 'Order size (base asset)': '0.25' });
    await expect(result.getByRole('heading', { level: 2 })).toHaveText('EMA 5/20 · BTC/USDT 1m');
    await result.getByRole('button', { name: 'Create bot from this run' }).click();
    const form = page.getByRole('form', { name: 'New bot' });
    await expect(form).toContainText('From a backtest of EMA 5/20 on BTC/USDT 1m (sample).');
    await expect(form.getByLabel('Symbol')).toHaveValue('BTC/USDT');
    await expect(form.getByLabel('Strategy', { exact: true })).toHaveValue('ma_crossover');
    await expect(form.getByLabel('Fast period')).toHaveValue('5');
    await expect(form.getByLabel('Slow period')).toHaveValue('20');
    await expect(form.getByLabel('Order size (base asset)')).toHaveValue('0.25');
    await form.getByRole('button', { name: 'Create bot' }).click();
    await expect(page.getByRole('button', { name: /EMA 5\/20 BTC\/USDT/ })).toBeVisible();
  } finally {
    await host.stop();
  }
});
