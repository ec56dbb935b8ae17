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

const TOKEN = 'e2e-market-source-token-0123456789';

// The trader picks binance's live feed for the paper account; it is stored for the next start, and bad options are refused in the form.
test('choose an exchange as the market source, see its enabled symbols and the restart note', async ({ page }, testInfo) => {
  const fake = await startFakeBinance();
  const dataDir = mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-source-'));
  const publicData = publicDataFromConnector(createCcxtConnector({ logger: silentLogger }), await fakeBinanceOptions(fake.url));
  const engine = await createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, publicData });
  const server = await startHeadlessServer({ engine, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: join(import.meta.dirname, '..', 'dist', 'renderer') });
  try {
    const enabled = await engine.services.symbols.enable('binance', ['BTC/USDT', 'ETH/USDT']);
    expect(enabled.ok).toBe(true);
    await page.goto(server.url.includes('token=') ? server.url : `${server.url}/?token=${TOKEN}`);
    await page.getByRole('button', { name: 'Symbols' }).click();
    const panel = page.getByRole('region', { name: 'Market source' });
    await expect(panel).toContainText('Running on the simulated market.');
    await panel.getByLabel('Prices from').selectOption('exchange');
    await panel.getByLabel('Exchange to follow').fill('binance');
    await expect(panel).toContainText('2 symbols enabled');
    await panel.getByLabel('Advanced ccxt options (JSON)').fill('{"apiKey": "x"}');
    await expect(panel.getByRole('alert')).toContainText('Options may not hold');
    await expect(panel.getByRole('button', { name: 'Save for next start' })).toBeDisabled();
    await panel.getByLabel('Advanced ccxt options (JSON)').fill('');
    await panel.getByRole('button', { name: 'Save for next start' }).click();
    await expect(panel).toContainText('the new market source takes effect at the next start');
    await expect(panel).toContainText('At the next start: binance live.');
    await page.screenshot({ path: join(testInfo.outputDir, 'market-source.png'), fullPage: true });
    expect((await engine.services.marketSource.status()).next).toEqual({ kind: 'exchange', exchangeId: 'binance', sandbox: false, options: {} });
  } finally {
    await server.close();
    await engine.stop();
    await fake.close();
  }
});
