import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../index.ts';
import { listLog } from '../persistence/webhooks.repository.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { manualClock } from '../testing/temp-dir.ts';
import { startSignalEngine } from './testing/signal-engine.ts';
import { DEFAULT_WEBHOOK_SETTINGS, WebhookService } from './webhook-service.ts';

/** No database or library text reaches an alert's reply, the webhook log or the listener status. */
const LIBRARY_TEXT = /no such table|sqlite|EINVAL|invalid argument|fetch failed|ECONNREFUSED|Unexpected token|is not valid JSON"|\.ts:\d+/i;
const REF = /\(ref ([0-9a-f]{6})\)/;

let engine: Engine;
let log: ReturnType<typeof recordingLogger>;
let url: string;
let botId: string;
let passphrase: string;

async function post(body: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, body: (await res.json()) as { status: string; message: string } };
}

async function settled() {
  for (let i = 0; i < 200; i++) {
    const entries = await listLog(engine.services.db, { limit: 100 });
    if (!entries.some((e) => e.outcome === 'accepted' && e.reason === null)) return entries;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the alert was not acted on');
}

beforeEach(async () => {
  log = recordingLogger();
  ({ engine, botId, passphrase, url } = await startSignalEngine({ logger: log }));
});
afterEach(() => engine.stop());

describe('error text in alert replies and the webhook log', () => {
  it('never quotes a broken JSON body (V8 would quote the passphrase) in the reply or the log', async () => {
    // Unquoted after a letter, so V8 answers "Unexpected token 'x', ..."ssphrase":x<passphrase>"...".
    const reply = await post(`{"bot":"${botId}","action":"buy","passphrase":x${passphrase}}`);
    expect(reply.status).toBe(400);
    // V8 quotes ten characters after the fault: enough of a 22-character passphrase to matter.
    expect(reply.body.message).not.toContain(passphrase.slice(0, 8));
    expect(reply.body.message).toBe('The message looks like JSON but is not valid JSON; check its quotes, commas and braces');
    const located = await post(`{"bot":"${botId}","passphrase":"${passphrase}" "action":"buy"}`);
    expect(located.body.message).toMatch(/^The message looks like JSON but is not valid JSON \(.*at line 1, column \d+\); check its quotes, commas and braces$/);
    const stored = JSON.stringify(await listLog(engine.services.db, { limit: 10 }));
    expect(stored).not.toContain(passphrase.slice(0, 8));
    expect(stored).not.toMatch(LIBRARY_TEXT);
  });

  it('keeps a failed alert pending with a plain reason and a ref, and logs the real error once', async () => {
    await sql`drop table orders`.execute(engine.services.db);
    expect((await post(JSON.stringify({ bot: botId, passphrase, action: 'buy', amount: 1 }))).status).toBe(200);
    const [entry] = await settled();
    // Pending, not failed: the alert is resumed at the next start, when the cause may be gone.
    expect(entry).toMatchObject({ outcome: 'accepted', reason: expect.stringMatching(/^Something went wrong in the engine \(ref [0-9a-f]{6}\); the details are in the log; it will be resumed when StoxRobot next starts$/) });
    expect(entry!.reason).not.toMatch(LIBRARY_TEXT);
    const logged = log.withRef(REF.exec(entry!.reason!)![1]!);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.fields).toMatchObject({ botId, error: { message: expect.stringContaining('no such table: orders') } });
  });

  it('answers a request that breaks the intake 500 with a ref, not the database’s words', async () => {
    await sql`drop table webhook_keys`.execute(engine.services.db);
    const reply = await post(JSON.stringify({ bot: botId, passphrase, action: 'buy' }));
    expect(reply.status).toBe(500);
    expect(reply.body.message).not.toMatch(LIBRARY_TEXT);
    expect(log.withRef(REF.exec(reply.body.message)![1]!)).toHaveLength(1);
  });
});

describe('error text in the listener status and the test alert', () => {
  it('says why the listener could not start in plain words, or by ref when the cause was not foreseen', async () => {
    const elsewhere = await engine.services.webhooks.configure({ ...DEFAULT_WEBHOOK_SETTINGS, host: '203.0.113.7', port: 0 });
    expect(elsewhere.error).toBe('203.0.113.7 is not an address of this machine; use 0.0.0.0 to listen on all of them, or 127.0.0.1 for this machine only');

    const invalid = await engine.services.webhooks.configure({ ...DEFAULT_WEBHOOK_SETTINGS, host: 'fe80::1', port: 0 });
    expect(invalid.error).toMatch(/^The webhook listener could not start: Something went wrong in the engine \(ref [0-9a-f]{6}\)/);
    expect(invalid.error).not.toMatch(LIBRARY_TEXT);
    expect(log.withRef(REF.exec(invalid.error!)![1]!)[0]?.fields).toMatchObject({ error: { code: 'EINVAL' } });
  });

  it('answers a test alert that cannot reach the listener UNAVAILABLE, without fetch’s words', async () => {
    const unreachable = { status: { url: 'http://127.0.0.1:1/webhook' } };
    const service = new WebhookService({ db: engine.services.db, listener: unreachable as never, clock: manualClock(), bus: engine.services.bus, logger: log });
    expect(await service.sendTest('action=buy')).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'The test alert could not reach the webhook listener at http://127.0.0.1:1/webhook; check its host and port' },
    });
  });
});
