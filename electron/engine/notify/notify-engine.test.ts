import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouterClient } from '@orpc/server';
import { createEngine, type Engine } from '../index.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { ScriptedVenue } from '../testing/scripted-venue.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { startFakeTelegram } from './testing/fake-telegram.ts';
import { MemorySecrets } from './testing/memory-secrets.ts';
import { NOTIFICATION_KINDS } from '../../../shared/contract/notifications.ts';
import { DEFAULT_PROTECTIONS } from '../../../shared/contract/risk-locks.ts';
import { LIMITS_OFF } from '../risk/governor/governor.ts';
import { simulatedOf } from '../testing/simulated-of.ts';

const SOL = 'SOL/USDT';
const TOKEN = '7123456789:AAH-test_token_that_must_never_leak_0123';
const allOn = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<(typeof NOTIFICATION_KINDS)[number], boolean>;

let fake: Awaited<ReturnType<typeof startFakeTelegram>>;
let engine: Engine;
let dataDir: string;
const logger = recordingLogger();

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

beforeEach(async () => {
  fake = await startFakeTelegram();
  dataDir = tempDir();
  engine = await createEngine({ dataDir, logger, startMarketTimer: false, webhook: { port: 0 }, secrets: new MemorySecrets(), environment: {}, notify: { telegramBaseUrl: fake.baseUrl, telegramSpacingMs: 0, timeoutMs: 300 } });
  const configured = await engine.services.notifications.configure({ telegram: { enabled: true, chatId: '-100200300', botToken: TOKEN, events: allOn } });
  expect(configured.ok).toBe(true);
});

afterEach(async () => {
  await engine.stop();
  await fake.close();
});

async function tradingViewBot() {
  const client = createRouterClient(engine.router, { context: { engine: engine.services } });
  const bot = await client.bots.create({ name: 'TV', symbol: SOL, timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper' });
  await client.bots.start({ id: bot.id });
  const passphrase = await engine.services.webhooks.rotatePassphrase(bot.id);
  if (!passphrase.ok) throw new Error(passphrase.error.message);
  const post = (fields: Record<string, unknown>) =>
    fetch(engine.services.webhooks.status().url ?? '', { method: 'POST', body: JSON.stringify({ passphrase: passphrase.value.passphrase, bot: bot.id, ...fields }) }).then((r) => r.status);
  return { bot, post, client };
}

const price = async (px: number) => {
  await engine.feed({ symbol: SOL, timeframe: '1m', closed: false, candle: { ts: 0, open: px, high: px, low: px, close: px, volume: 0 } });
  await engine.services.orders.settled();
};

const texts = () => fake.messages.map((m) => m.text).join('\n---\n');

describe('notifications from a running engine', () => {
  it('tells Telegram of a fill, the position opened, its stop-loss hit and the loss it closed with, in numbers and units', async () => {
    const { bot, post } = await tradingViewBot();
    await price(100);
    expect(await post({ action: 'long', stop_loss: 95 })).toBe(200);
    await until(() => engine.services.orders.position(bot.id, SOL).netQty === 1, 'the entry to fill');
    await price(94);
    await until(() => engine.services.orders.position(bot.id, SOL).netQty === 0, 'the stop-loss to close');
    await until(() => /Position closed/.test(texts()), 'the close to reach Telegram');
    expect(fake.messages.every((m) => m.token === TOKEN && m.chatId === '-100200300')).toBe(true);
    const all = texts();
    // The paper venue fills a market order 0.05 % through the price: 100.05 USDT.
    expect(all).toMatch(/Order filled: BUY 1 SOL\nBUY 1 SOL\/USDT at 100\.05 USDT \(100\.05 USDT\), bot bot-\w+, order sr-/);
    expect(all).toMatch(/Position opened: long 1 SOL\nBot bot-\w+ is long 1 SOL\/USDT at 100\.05 USDT/);
    expect(all).toMatch(/Stop-loss hit: SOL\/USDT\nBot .*: stop-loss at 95 USDT reached at 94 USDT/);
    // 1 SOL bought at 100.05 and sold at 93.95 (6.10 USDT), and the two fees: a loss of 6.19 USDT.
    expect(all).toMatch(/Position closed: SOL\/USDT, P&L -6\.19 USDT/);
    const centre = await engine.services.notifications.list({});
    expect(centre.items.map((n) => n.kind)).toEqual(expect.arrayContaining(['order_filled', 'position_opened', 'protection_hit', 'position_closed']));
    expect(centre.unread).toBe(centre.items.length);
  });

  it('tells of refused webhooks once a minute per bot, not once per request', async () => {
    const { post } = await tradingViewBot();
    expect(await post({ action: 'fly' })).toBe(400);
    expect(await post({ action: 'fly' })).toBe(400);
    await until(() => /Webhook alert refused \(HTTP 400\)/.test(texts()), 'the refusal to reach Telegram');
    await engine.services.notifications.notifier.idle();
    expect(fake.messages.filter((m) => m.text.includes('Webhook alert refused'))).toHaveLength(1);
  });

  it('tells of a venue connection lost and restored', async () => {
    const venue = new ScriptedVenue('ex-1');
    engine.services.venues.add('ex-1', venue);
    venue.report({ kind: 'connection', state: 'lost', reason: 'ECONNRESET', ts: 1 });
    venue.report({ kind: 'connection', state: 'restored', reason: null, ts: 2 });
    await until(() => /Connection restored: account ex-1/.test(texts()), 'the restore to reach Telegram');
    expect(texts()).toMatch(/Connection lost: account ex-1\nThe exchange stopped answering \(ECONNRESET\)/);
  });

  it('tells of the emergency stop pressed and lifted, with where it was pressed', async () => {
    await engine.services.emergency.engage('flatten', 'shortcut');
    await until(() => /Emergency stop: flatten/.test(texts()), 'the stop to reach Telegram');
    expect(texts()).toMatch(/Emergency stop: flatten\nPressed from the keyboard shortcut at \d{4}-\d\d-\d\dT[\d:.]+Z: no new entries; every open order is being canceled and every position closed\. It holds until you lift it\./);
    await engine.services.emergency.lift('button');
    await until(() => /Emergency stop lifted/.test(texts()), 'the lift to reach Telegram');
    expect(texts()).toMatch(/Lifted from the emergency stop button: bots and alerts may place entries again\./);
  });

  it('tells of risk locks: a protection lock on a symbol and the daily loss limit, with the reason and the end time', async () => {
    const { bot, client } = await tradingViewBot();
    await simulatedOf(engine.services).advance(2); // fresh prices; an equity point is recorded
    await client.risk.setProtections({ accountId: 'paper', config: { ...DEFAULT_PROTECTIONS, cooldown: { enabled: true, lockMinutes: 15 } } });
    expect((await client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).status).toBe('FILLED');
    expect((await client.orders.place({ botId: bot.id, side: 'SELL', type: 'MARKET', qty: 0.1, reduceOnly: true })).status).toBe('FILLED');
    await until(() => /SOL\/USDT on account paper locked until/.test(texts()), 'the protection lock to reach Telegram');
    expect(texts()).toMatch(/SOL\/USDT on account paper locked until \d\d:\d\d(:\d\d)? UTC[^\n]*\n[^]*15 min cooldown/);

    // The day opened 1000 USDT richer than the account is now: a 500 USDT daily limit is past.
    const equity = (await engine.services.accounts.equity('paper')) ?? 0;
    const dayStart = Math.floor(engine.services.market.clock.now() / 86_400_000) * 86_400_000;
    await engine.services.db.insertInto('accountEquity').values({ accountId: 'paper', ts: dayStart, epoch: 1, equity: equity + 1000 }).execute();
    await client.risk.setLimits({ accountId: 'paper', limits: { ...LIMITS_OFF, dailyLossLimit: 500 } });
    await client.risk.governor(); // what the governor's watcher does every few seconds
    await until(() => /Daily loss limit reached on paper/.test(texts()), 'the daily loss lock to reach Telegram');
    expect(texts()).toMatch(/Daily loss limit reached on paper\nDaily loss limit 500(\.00)? USDT reached at \d\d:\d\d .*entries locked until 00:00 UTC/);
    expect(fake.messages.filter((m) => m.text.startsWith('Daily loss limit reached'))).toHaveLength(1);
  });

  it('sends only the kinds switched on, and nothing while Telegram is off', async () => {
    const off = await engine.services.notifications.configure({ telegram: { enabled: true, chatId: '-100200300', events: { ...allOn, order_filled: false } } });
    expect(off.ok).toBe(true);
    const { bot, post } = await tradingViewBot();
    await price(100);
    expect(await post({ action: 'long' })).toBe(200);
    await until(() => /Position opened/.test(texts()), 'the position to reach Telegram');
    await engine.services.notifications.notifier.idle();
    expect(texts()).not.toMatch(/Order filled/);
    const sent = fake.messages.length;
    await engine.services.notifications.configure({ telegram: { enabled: false, chatId: '-100200300', events: allOn } });
    expect(await post({ action: 'close' })).toBe(200);
    await until(() => engine.services.orders.position(bot.id, SOL).netQty === 0, 'the close to fill');
    await until(async () => (await engine.services.notifications.list({})).items.some((n) => n.kind === 'position_closed'), 'the alerts centre to store the close');
    await engine.services.notifications.notifier.idle();
    expect(fake.messages).toHaveLength(sent);
  });

  it.each(['hang', 'error500'] as const)('books every fill while Telegram %s, and the alerts centre still hears of each', async (behaviour) => {
    fake.set(behaviour);
    const { bot } = await tradingViewBot();
    await price(100);
    for (let i = 0; i < 20; i += 1) {
      const order = await engine.services.orders.place({ botId: bot.id, symbol: SOL, side: i % 2 === 0 ? 'BUY' : 'SELL', type: 'MARKET', qty: 1 });
      expect(order.status).toBe('FILLED');
    }
    expect(engine.services.orders.position(bot.id, SOL).netQty).toBe(0);
    await until(async () => (await engine.services.notifications.list({ limit: 500 })).items.filter((n) => n.kind === 'order_filled').length === 20, 'the alerts centre to store 20 fills');
    await until(() => (engine.services.notifications.notifier.stats('telegram')?.failed ?? 0) >= 1, 'Telegram to fail');
    expect(fake.requests).toBeGreaterThan(0);
    expect(fake.messages).toHaveLength(0);
  });

  it('never writes the bot token to the database, its WAL, the log or an API answer', async () => {
    fake.set('error500');
    const { bot } = await tradingViewBot();
    await price(100);
    await engine.services.orders.place({ botId: bot.id, symbol: SOL, side: 'BUY', type: 'MARKET', qty: 1 });
    await until(() => (engine.services.notifications.notifier.stats('telegram')?.failed ?? 0) >= 1, 'Telegram to refuse');
    const client = createRouterClient(engine.router, { context: { engine: engine.services } });
    const answers = JSON.stringify([await client.notifications.settings(), await client.notifications.list({}), await client.notifications.configure({})]);
    expect(answers).toContain('"tokenStored":true');
    expect(answers).not.toContain(TOKEN);
    // The fake's 500 echoes the URL (with the token) as Telegram's description can: it reaches the log redacted.
    expect(logger.entries.some((e) => JSON.stringify(e.fields).includes('HTTP 500'))).toBe(true);
    expect(JSON.stringify(logger.entries)).not.toContain(TOKEN.split(':')[1]);
    await engine.stop();
    for (const file of readdirSync(dataDir)) expect(readFileSync(join(dataDir, file)).includes(TOKEN.split(':')[1] ?? TOKEN), file).toBe(false);
    engine = await createEngine({ dataDir, logger, startMarketTimer: false, webhook: { port: 0 }, secrets: new MemorySecrets(), environment: {} });
  });
});
