import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessServer } from '../electron/headless/server.ts';
import { createEngine } from '../electron/engine/index.ts';
import { publicDataFromConnector } from '../electron/engine/market/symbols/connector-source.ts';
import { silentLogger } from '../electron/engine/ports/logger.ts';
import { createCcxtConnector } from '../electron/engine/venues/ccxt/connector.ts';
import { fakeBinanceOptions } from '../electron/engine/venues/ccxt/testing/fake-binance/ccxt-options.ts';
import { startFakeBinance } from '../electron/engine/venues/ccxt/testing/fake-binance/server.ts';

const TOKEN = 'e2e-symbols-token-0123456789';

// A host in this process whose discovery reaches the fake Binance through the real ccxt client.
test('find USDT markets by volume, enable two in one batch, set a risk multiplier, disable one', async ({ page }, testInfo) => {
  const fake = await startFakeBinance();
  const dataDir = mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-symbols-'));
  const publicData = publicDataFromConnector(createCcxtConnector({ logger: silentLogger }), await fakeBinanceOptions(fake.url));
  const engine = await createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, publicData });
  const server = await startHeadlessServer({ engine, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: join(import.meta.dirname, '..', 'dist', 'renderer') });
  try {
    await page.goto(server.url.includes('token=') ? server.url : `${server.url}/?token=${TOKEN}`);
    await page.getByRole('button', { name: 'Symbols' }).click();
    await page.getByLabel('Exchange', { exact: true }).fill('binance');
    await page.getByRole('button', { name: 'Load markets' }).click();
    const markets = page.getByRole('region', { name: 'Markets' });
    await expect(markets.getByRole('heading')).toHaveText('2 markets on binance');
    await expect(markets.locator('tbody tr td:nth-child(2)')).toHaveText(['BTC/USDT', 'ETH/USDT']);

    await page.getByLabel('Trading now only (hide inactive markets)').uncheck();
    await expect(markets.locator('tbody tr td:nth-child(2)')).toHaveText(['BTC/USDT', 'ETH/USDT', 'LUNA/USDT']);
    await markets.getByRole('button', { name: /^Symbol/ }).click();
    await markets.getByRole('button', { name: /^Symbol/ }).click();
    await expect(markets.locator('tbody tr td:nth-child(2)')).toHaveText(['LUNA/USDT', 'ETH/USDT', 'BTC/USDT']);
    await expect(markets.locator('tbody tr', { hasText: 'LUNA/USDT' })).toContainText('inactive');
    await page.screenshot({ path: join(testInfo.outputDir, 'symbols.png'), fullPage: true });
    await page.getByLabel('Trading now only (hide inactive markets)').check();

    await markets.getByLabel('Select BTC/USDT').check();
    await markets.getByLabel('Select ETH/USDT').check();
    await markets.getByRole('button', { name: 'Enable 2 selected' }).click();
    await expect(page.getByRole('status')).toContainText('Enabled 2 symbols; 2 enabled on binance.');
    const multiplier = markets.getByLabel('Risk multiplier of ETH/USDT');
    await multiplier.fill('11');
    await multiplier.press('Enter');
    await expect(markets.getByRole('alert')).toHaveText('The risk multiplier is at most 10');
    await multiplier.fill('2.5');
    await multiplier.press('Enter');
    await expect(markets.getByRole('alert')).toHaveCount(0);
    await expect.poll(async () => (await engine.services.symbols.list('binance')).map((s) => [s.symbol, s.riskMultiplier])).toEqual([['BTC/USDT', 1], ['ETH/USDT', 2.5]]);

    await markets.getByLabel('Select BTC/USDT').check();
    await markets.getByRole('button', { name: 'Disable 1 selected' }).click();
    await expect(page.getByRole('status')).toContainText('Disabled 1 symbol; 1 enabled on binance.');
    await expect(markets.locator('tbody tr', { hasText: 'BTC/USDT' })).toContainText('off');
  } finally {
    await server.close();
    await engine.stop();
    await fake.close();
  }
});
