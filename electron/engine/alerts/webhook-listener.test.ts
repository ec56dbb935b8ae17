import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../index.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { listLog } from '../persistence/webhooks.repository.ts';
import { startSignalEngine } from './testing/signal-engine.ts';
import { DEFAULT_WEBHOOK_SETTINGS } from './webhook-service.ts';

let engine: Engine;
let url: string;
let botId: string;
let passphrase: string;

async function post(body: string, contentType = 'application/json', target = url) {
  const res = await fetch(target, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, body: (await res.json()) as { status: string; message: string } };
}

/** Waits until every accepted alert has been acted on (the listener answers first, then trades). */
async function settled() {
  for (let i = 0; i < 200; i++) {
    const log = await listLog(engine.services.db, { limit: 1000 });
    if (!log.some((e) => e.outcome === 'accepted')) return log;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('alerts were not acted on');
}

const alert = (fields: Record<string, unknown> = {}) => JSON.stringify({ passphrase, bot: botId, action: 'buy', amount: '0.5', symbol: 'BINANCE:SOLUSDT', ...fields });

beforeEach(async () => {
  ({ engine, botId, passphrase, url } = await startSignalEngine());
});
afterEach(() => engine.stop());

describe('TradingView webhook listener over real HTTP', () => {
  it('accepts a JSON alert, answers before trading, then places the order', async () => {
    const res = await post(alert());
    expect(res).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const [entry] = await settled();
    expect(entry).toMatchObject({ outcome: 'executed', statusCode: 200, botId });
    const orders = await listOrders(engine.services.db, { limit: 10 });
    expect(orders).toEqual([expect.objectContaining({ symbol: 'SOL/USDT', side: 'BUY', qty: 0.5, status: 'FILLED' })]);
    expect(entry?.orderIds).toEqual([orders[0]?.clientOrderId]);
  });

  it('accepts the plain-text key=value form sent as text/plain', async () => {
    const res = await post(`passphrase=${passphrase}\nbot=${botId}\naction=long\namount=1`, 'text/plain');
    expect(res.status).toBe(200);
    await settled();
    expect(await listOrders(engine.services.db, { limit: 10 })).toEqual([expect.objectContaining({ side: 'BUY', qty: 1 })]);
  });

  it('refuses a wrong passphrase with 401, logs it without the secret, and trades nothing', async () => {
    const res = await post(alert({ passphrase: 'guess' }));
    expect(res).toEqual({ status: 401, body: { status: 'unauthorized', message: 'Unknown bot or wrong passphrase' } });
    const right = await post(alert({ comment: 'x' }));
    expect(right.status).toBe(200);
    const log = await settled();
    const refused = log.find((e) => e.outcome === 'unauthorized');
    expect(refused?.body).toContain('"passphrase":"***"');
    expect(JSON.stringify(log)).not.toContain(passphrase);
    expect(await listOrders(engine.services.db, { limit: 10 })).toHaveLength(1);
  });

  it('answers 400 with a reason a trader understands', async () => {
    expect(await post(alert({ amount: '' }))).toEqual({ status: 400, body: { status: 'invalid', message: "amount must be a positive number, got ''" } });
    expect((await post('{"passphrase": "x", ', 'text/plain')).body.message).toMatch(/^The message looks like JSON but is not valid JSON/);
  });

  it('answers 413 for a body over 8 KB, 405 for GET, 404 for another path', async () => {
    expect((await post(alert({ comment: 'x'.repeat(9000) }))).status).toBe(413);
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url, { method: 'PUT', body: 'x' })).headers.get('allow')).toBe('POST');
    expect((await post(alert(), 'application/json', url.replace('/webhook', '/hook'))).status).toBe(404);
    expect(await listOrders(engine.services.db, { limit: 10 })).toEqual([]);
  });

  it('keeps the passphrase out of every reply and log row, however the key is spelled and whatever is malformed', async () => {
    const bodies = [
      `{"pass\\u0070hrase": "${passphrase}", "bot": "${botId}", "action": "buy", "amount": ""}`,
      `{"passphrase": "${passphrase}", "passphrase": "x", "bot": "${botId}", "action": "moon"}`,
      `{"passphrase": "${passphrase}", "bot": {"passphrase": "${passphrase}"}, "action": "buy"}`,
      `{"passphrase": ${passphrase}, "bot": "${botId}"}`,
      `{"passphrase": "${passphrase}`,
      `BOT=${botId}\nPassPhrase=${passphrase}\naction=moon`,
      `bot=${botId}\npassphrase: ${passphrase}`,
    ];
    const replies = [];
    for (const body of bodies) replies.push(await post(body, 'text/plain'));
    expect(replies.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    expect(JSON.stringify(replies)).not.toContain(passphrase);
    const log = await listLog(engine.services.db, { limit: 50 });
    expect(log).toHaveLength(bodies.length);
    expect(JSON.stringify(log)).not.toContain(passphrase);
  });

  it("answers 429 past the bot's rate limit", async () => {
    await engine.services.webhooks.configure({ ...DEFAULT_WEBHOOK_SETTINGS, port: 0, rateLimitPerSecond: 0.1, rateLimitBurst: 2 });
    url = engine.services.webhooks.status().url ?? '';
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(alert({ id: `r${i}` }))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('refuses a stale alert and logs it as stale', async () => {
    const old = new Date(Date.now() - 120_000).toISOString();
    expect(await post(alert({ timenow: old }))).toMatchObject({ status: 422, body: { status: 'stale' } });
    expect((await listLog(engine.services.db, { limit: 5 }))[0]).toMatchObject({ outcome: 'stale', statusCode: 422 });
    expect((await post(alert({ timenow: new Date().toISOString() }))).status).toBe(200);
  });

  it('makes one order of one alert delivered four times', async () => {
    const body = alert({ id: 'tv-order-1' });
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await post(body));
    expect(replies.map((r) => r.body.status)).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    await settled();
    expect(await listOrders(engine.services.db, { limit: 10 })).toHaveLength(1);
  });

  it('makes one order of 100 copies sent at once', async () => {
    const body = alert();
    const replies = await Promise.all(Array.from({ length: 100 }, () => post(body)));
    expect(replies.filter((r) => r.body.status === 'accepted')).toHaveLength(1);
    expect(replies.filter((r) => r.body.status === 'duplicate')).toHaveLength(99);
    await settled();
    expect(await listOrders(engine.services.db, { limit: 10 })).toHaveLength(1);
  });

  it('answers 5xx and places no order when the alert cannot be written', async () => {
    await sql`create trigger fail_alerts before insert on alerts begin select raise(abort, 'disk I/O error'); end`.execute(engine.services.db);
    const res = await post(alert());
    expect(res.status).toBe(503);
    expect(res.status).not.toBe(504); // TradingView resends on any 5xx but 504
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await listOrders(engine.services.db, { limit: 10 })).toEqual([]);
    expect(await engine.services.db.selectFrom('alerts').selectAll().execute()).toEqual([]);
  });

  it('keeps acting on later alerts when recording one outcome fails', async () => {
    await sql`create trigger fail_first_outcome before update on alerts when new.id = 1 begin select raise(abort, 'disk I/O error'); end`.execute(engine.services.db);
    expect((await post(alert({ id: 'first' }))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await post(alert({ id: 'second' }))).status).toBe(200);
    const statuses = async () => (await engine.services.db.selectFrom('alerts').select(['id', 'status']).orderBy('id').execute()).map((a) => a.status);
    // The second alert is marked executed just after its order is stored: both are waited for.
    await expect.poll(async () => [(await listOrders(engine.services.db, { limit: 10 })).length, await statuses()]).toEqual([2, ['pending', 'executed']]);
  });

  it('refuses alerts for a bot that is not running', async () => {
    await engine.services.bots.setStatus(botId, 'stopped');
    expect(await post(alert())).toMatchObject({ status: 409, body: { status: 'refused' } });
  });
});
