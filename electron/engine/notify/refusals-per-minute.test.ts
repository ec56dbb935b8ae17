import { describe, expect, it } from 'vitest';
import type { NotifyEvent } from './notify-event.ts';
import { refusalsPerMinute } from './refusals-per-minute.ts';

const refusal = (message: string) => ({ statusCode: 401, body: { message } });

describe('refused webhooks, told once a minute per bot', () => {
  it('keeps a flood quiet, then tells how many were refused meanwhile', () => {
    let now = Date.UTC(2026, 10, 25, 12, 0, 0);
    const told: NotifyEvent[] = [];
    const refused = refusalsPerMinute({ now: () => now }, (e) => told.push(e));
    for (let i = 0; i < 100; i += 1) {
      refused('bot-1', refusal('Unknown bot or wrong passphrase'));
      now += 500; // 50 s of refusals, two a second
    }
    refused('bot-2', refusal('Bot B is stopped'));
    expect(told.map((e) => e.body)).toEqual(['Bot bot-1: Unknown bot or wrong passphrase', 'Bot bot-2: Bot B is stopped']);
    now += 10_000; // 60 s after the first
    refused('bot-1', refusal('Unknown bot or wrong passphrase'));
    expect(told.at(-1)?.body).toBe('Bot bot-1: Unknown bot or wrong passphrase (and 99 more refused since 2026-11-25T12:00:00.000Z)');
  });

  it('forgets the oldest of a thousand invented bot ids, so memory stays bounded', () => {
    const told: NotifyEvent[] = [];
    const refused = refusalsPerMinute({ now: () => 0 }, (e) => told.push(e));
    for (let i = 0; i <= 1_000; i += 1) refused(`bot-${i}`, refusal('no'));
    refused('bot-0', refusal('no')); // forgotten: told again
    refused('bot-1000', refusal('no')); // remembered: quiet
    expect(told).toHaveLength(1_002);
  });

  it('tells again when the clock went back (a changed system time)', () => {
    let now = 1_000_000;
    const told: NotifyEvent[] = [];
    const refused = refusalsPerMinute({ now: () => now }, (e) => told.push(e));
    refused(null, refusal('invalid JSON'));
    now -= 3_600_000;
    refused(null, refusal('invalid JSON'));
    expect(told.map((e) => e.title)).toEqual(['Webhook alert refused (HTTP 401)', 'Webhook alert refused (HTTP 401)']);
  });
});
