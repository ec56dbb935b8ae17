import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { FAKE_KEY, FAKE_PASSPHRASE, FAKE_SECRET } from '../electron/engine/accounts/testing/test-exchanges.ts';
import { noSessionEnv, startKeyring } from '../electron/engine/testing/keyring.ts';

const TOKEN = 'e2e-exchange-token-0123456789';
const SECRETS = [FAKE_KEY, FAKE_SECRET, FAKE_PASSPHRASE];

/** The exchange host in its own process with `env` (libsecret reaches the keyring the environment names, once per process). */
async function startHost(env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stoxrobot-e2e-'));
  const child = spawn(process.execPath, ['e2e/exchange-host.ts', dataDir, TOKEN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** How often any of the fake secrets occurs in every file of the data folder (database, WAL, anything else) and in the host's output. */
function leaks(dataDir: string, output: string): number {
  const texts = [output, ...readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name)).toString('latin1'))];
  return texts.reduce((sum, text) => sum + SECRETS.reduce((n, s) => n + text.split(s).length - 1, 0), 0);
}

async function openAccounts(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Add exchange account' }).click();
}

test('adds, tests, edits and removes an exchange account whose keys live in a real keyring', async ({ page }, testInfo) => {
  const keyring = await startKeyring({ unlock: true });
  const host = await startHost(keyring.env);
  try {
    await openAccounts(page, host.url);
    await expect(page.getByTestId('keychain-banner')).toHaveCount(0);
    const form = page.getByRole('form', { name: 'Add exchange account' });
    await form.getByLabel('Search exchanges').fill('ok');
    await form.getByLabel('Exchange', { exact: true }).selectOption('okx');
    await form.getByLabel('Account name (letters, digits, - and _)').fill('okx-main');
    await form.getByLabel('Label').fill('OKX main');
    // OKX asks for a passphrase (ccxt's "password"); Binance would not.
    await form.getByLabel('API key').fill(`bad-${FAKE_KEY}`);
    await form.getByLabel('Secret').fill(FAKE_SECRET);
    await form.getByLabel('Passphrase').fill(FAKE_PASSPHRASE);
    await form.getByLabel('Testnet / sandbox').selectOption('true');

    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByTestId('connection-result')).toHaveText('Connection failed: okx {"code":-2015,"msg":"Invalid API-key [redacted], IP, or permissions for action."}');
    await form.getByLabel('API key').fill(FAKE_KEY);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByTestId('connection-result')).toHaveText('Connected: 1,234 markets. Balances: USDT 150.5 (100.25 free).');

    await form.getByText('Advanced: ccxt options (JSON)').click();
    await form.getByLabel('Advanced ccxt options').fill('{"headers": {"apiKey": "x"}}');
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(form.getByText('Options may not hold "apiKey"')).toBeVisible();
    await form.getByLabel('Advanced ccxt options').fill('{"timeout": 5000}');
    await form.getByRole('button', { name: 'Add account' }).click();

    const row = page.getByTestId('exchange-account-okx-main');
    await expect(row.getByTestId('account-keys')).toHaveText('Configured · API key …HECK · in the keychain');
    await expect(row).toContainText('testnet');
    await page.screenshot({ path: testInfo.outputPath('exchange-account-added.png') });
    await row.getByRole('button', { name: 'Test connection' }).click();
    await expect(row.getByTestId('connection-result')).toContainText('Connected: 1,234 markets');

    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit account okx-main' });
    await expect(edit.getByLabel('API key')).toHaveAttribute('placeholder', 'unchanged (…HECK)');
    await edit.getByLabel('Label').fill('OKX testnet');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(row).toContainText('OKX testnet');

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);
    expect(leaks(host.dataDir, host.output())).toBe(0);
  } finally {
    await host.stop();
    await keyring.stop();
  }
  expect(leaks(host.dataDir, host.output())).toBe(0);
});

test('without a keychain: one clear message, nothing stored, paper works, and a headless host’s environment keys are used', async ({ page }) => {
  const host = await startHost({ ...noSessionEnv(), STOXROBOT_BINANCE_MAIN_APIKEY: FAKE_KEY, STOXROBOT_BINANCE_MAIN_SECRET: FAKE_SECRET });
  try {
    await openAccounts(page, host.url);
    const banner = page.getByTestId('keychain-banner');
    await expect(banner).toContainText('No usable keychain: there is no D-Bus session for a keyring to answer on. Start and unlock your keyring');
    await expect(banner).toContainText('Paper trading works; exchange keys cannot be stored');
    await expect(banner).toContainText('environment for: BINANCE_MAIN');

    const form = page.getByRole('form', { name: 'Add exchange account' });
    await form.getByLabel('Exchange', { exact: true }).selectOption('okx');
    await form.getByLabel('Account name (letters, digits, - and _)').fill('okx-main');
    await form.getByLabel('Label').fill('OKX');
    await form.getByLabel('API key').fill(FAKE_KEY);
    await form.getByLabel('Secret').fill(FAKE_SECRET);
    await form.getByLabel('Passphrase').fill(FAKE_PASSPHRASE);
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(form.getByTestId('account-form-error')).toContainText('No usable keychain: there is no D-Bus session');

    // The keys this host was started with: no key typed.
    await form.getByLabel('Exchange', { exact: true }).selectOption('binance');
    await form.getByLabel('Account name (letters, digits, - and _)').fill('binance-main');
    await form.getByLabel('Label').fill('Binance from env');
    await form.getByLabel('API key').fill('');
    await form.getByLabel('Secret').fill('');
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByTestId('exchange-account-binance-main').getByTestId('account-keys')).toHaveText('Configured · API key …HECK · from the environment');
    await expect(page.getByTestId('exchange-account-okx-main')).toHaveCount(0);

    await page.getByRole('button', { name: 'Bots' }).click();
    await expect(page.getByRole('region', { name: 'Account paper' }).getByTestId('account-equity')).toHaveText('10,000.00 USDT');
  } finally {
    await host.stop();
  }
  expect(leaks(host.dataDir, host.output())).toBe(0);
});
