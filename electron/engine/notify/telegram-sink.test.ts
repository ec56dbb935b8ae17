import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/recording-logger.ts';
import { Notifier } from './notifier.ts';
import type { NotifyEvent } from './notify-event.ts';
import { TelegramSink, messageText } from './telegram-sink.ts';
import { startFakeTelegram } from './testing/fake-telegram.ts';

const TOKEN = '12345:AAtoken_for_the_sink_test_abcdefghij';
const event = (n: number): NotifyEvent => ({ kind: 'position_closed', title: `Position closed ${n}`, body: `P&L +${n}.00 USDT`, ts: n });

let fake: Awaited<ReturnType<typeof startFakeTelegram>>;
beforeEach(async () => {
  fake = await startFakeTelegram();
});
afterEach(() => fake.close());

function telegram(sleeps: number[], spacingMs = 1_000) {
  const logger = recordingLogger();
  const notifier = new Notifier({ logger, options: { timeoutMs: 5_000 } });
  // The pause is recorded, not waited: the test counts messages and pauses, never the wall clock.
  const sleep = async (ms: number) => void sleeps.push(ms);
  notifier.add(new TelegramSink({ target: async () => ({ token: TOKEN, chatId: '777' }), wants: () => true, baseUrl: fake.baseUrl, spacingMs, sleep }), { batchSize: 20 });
  return { notifier, logger };
}

describe('the Telegram sink', () => {
  it('joins a burst into few messages, each one after a pause, and loses none of the events', async () => {
    const sleeps: number[] = [];
    const { notifier } = telegram(sleeps);
    for (let n = 1; n <= 45; n += 1) notifier.notify(event(n));
    await notifier.idle();
    // The first goes at once; the 44 that came meanwhile go in batches of 20: 20, 20, 4.
    expect(fake.messages).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    expect(sleeps.every((ms) => ms > 0 && ms <= 1_000)).toBe(true);
    const told = fake.messages.flatMap((m) => [...m.text.matchAll(/Position closed (\d+)/g)].map((match) => Number(match[1])));
    expect(told).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(fake.messages[1]?.text).toContain('Position closed 2\nP&L +2.00 USDT\n\nPosition closed 3');
  });

  it('reports a refusal without the token, even when Telegram echoes the address', async () => {
    fake.set('error500');
    const { notifier, logger } = telegram([]);
    notifier.notify(event(1));
    await notifier.idle();
    expect(notifier.stats('telegram')?.failed).toBe(1);
    const logged = JSON.stringify(logger.entries);
    expect(logged).toContain('Telegram refused the message (HTTP 500');
    expect(logged).toContain('/bot[token]/sendMessage');
    expect(logged).not.toContain(TOKEN);
  });

  it('waits as long as Telegram asks after a 429, then sends the same message once more', async () => {
    fake.set('limitOnce');
    const sleeps: number[] = [];
    const { notifier } = telegram(sleeps);
    notifier.notify(event(1));
    await notifier.idle();
    expect(sleeps).toEqual([3_000]);
    expect(fake.requests).toBe(2);
    expect(fake.messages.map((m) => m.text)).toEqual(['Position closed 1\nP&L +1.00 USDT']);
    expect(notifier.stats('telegram')?.failed).toBe(0);
  });

  it('shortens a message over Telegram’s 4,096 characters', () => {
    const text = messageText(Array.from({ length: 100 }, (_, n) => ({ ...event(n), body: 'x'.repeat(100) })));
    expect(text.length).toBeLessThanOrEqual(4_096);
    expect(text).toMatch(/see the alerts centre\)$/);
  });

  it('never cuts a character in half when shortening (an emoji-laden symbol name), so Telegram can read the text', () => {
    for (const pad of ['', 'a']) {
      const text = messageText([{ ...event(1), title: `${pad}${'\u{1F4C9}'.repeat(5_000)}\u0000\u001b[31m` }]);
      expect(() => encodeURIComponent(text), `padding "${pad}"`).not.toThrow(); // throws on a lone surrogate
    }
  });
});
