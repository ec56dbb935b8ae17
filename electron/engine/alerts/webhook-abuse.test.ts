import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookSettings } from '../../../shared/domain/webhook.ts';
import { createEngine, type Engine } from '../index.ts';
import { listLog } from '../persistence/webhooks.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { openRaw, rawRequest, within } from '../testing/raw-socket.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { NOISE_BURST, NOISE_PER_SECOND } from './alert-gate.ts';
import type { ListenerLimits } from './listener-limits.ts';
import { DEFAULT_WEBHOOK_SETTINGS, WebhookService } from './webhook-service.ts';

let engine: Engine;
afterEach(() => engine.stop());

/** An engine with a listener on a free port and TradingView-signal bots, each with its passphrase. */
async function start(settings: Partial<WebhookSettings> = {}, limits: Partial<ListenerLimits> = {}, botCount = 1) {
  engine = await createEngine({ dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, webhookLimits: limits });
  const bots: { id: string; passphrase: string }[] = [];
  for (let i = 0; i < botCount; i++) {
    const created = await engine.services.bots.create({ name: `TV ${i}`, symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 100 }, orderQty: 0.1, account: 'paper' });
    if (!created.ok) throw new Error(created.error.message);
    await engine.services.bots.setStatus(created.value.id, 'running');
    const rotated = await engine.services.webhooks.rotatePassphrase(created.value.id);
    if (!rotated.ok) throw new Error(rotated.error.message);
    bots.push({ id: created.value.id, passphrase: rotated.value.passphrase });
  }
  const status = await engine.services.webhooks.configure({ ...DEFAULT_WEBHOOK_SETTINGS, port: 0, ...settings });
  const url = status.url ?? '';
  return { url, port: Number(new URL(url).port), bots };
}

/** Unproven requests the shared budget may log since `started`: its burst, what refilled meanwhile, and one summary line. */
const noiseBudgetSince = (started: number) => NOISE_BURST + Math.ceil(((performance.now() - started) / 1000) * NOISE_PER_SECOND) + 1;

const alert = (bot: { id: string; passphrase: string }, fields: Record<string, unknown> = {}) => JSON.stringify({ passphrase: bot.passphrase, bot: bot.id, action: 'buy', amount: '0.1', ...fields });

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

describe('webhook listener under a flood', () => {
  it('answers every real alert while one address floods it with junk (a tunnel makes every sender 127.0.0.1)', async () => {
    const { url, bots } = await start({ rateLimitPerSecond: 1, rateLimitBurst: 10 });
    const [bot] = bots;
    if (!bot) throw new Error('no bot');
    const started = performance.now();
    const junk = Array.from({ length: 300 }, (_, i) => post(url, JSON.stringify({ passphrase: 'guess', bot: bot.id, action: 'buy', n: i })));
    const real = Array.from({ length: 10 }, (_, i) => post(url, alert(bot, { id: `real-${i}` })));
    const [junkReplies, realReplies] = await Promise.all([Promise.all(junk), Promise.all(real)]);
    expect(realReplies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(junkReplies.map((r) => r.status))).toEqual(new Set([401, 429]));
    // Junk is logged only inside the shared budget; the rest is counted in one line.
    const log = await listLog(engine.services.db, { limit: 1000 });
    expect(log.filter((e) => e.outcome === 'unauthorized').length).toBeLessThanOrEqual(noiseBudgetSince(started));
  });

  it('limits each bot on its own, after its passphrase is checked', async () => {
    const { url, bots } = await start({ rateLimitPerSecond: 0.1, rateLimitBurst: 3 }, {}, 2);
    const [noisy, quiet] = bots;
    if (!noisy || !quiet) throw new Error('no bots');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(url, alert(noisy, { id: `n${i}` }))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await post(url, alert(quiet, { id: 'q0' }))).status).toBe(200);
    // A wrong passphrase for the noisy bot is not limited by its bucket (nor does it drain it).
    expect((await post(url, alert({ id: noisy.id, passphrase: 'wrong' }))).status).toBe(401);
    const limited = (await listLog(engine.services.db, { limit: 50 })).filter((e) => e.outcome === 'rate_limited');
    expect(limited).toEqual([expect.objectContaining({ botId: noisy.id, statusCode: 429, reason: expect.stringContaining('0.1 per second') })]);
  });
});

describe('sender address behind a tunnel', () => {
  const TRADINGVIEW = '52.89.214.238';

  it('reads the last X-Forwarded-For hop only when the trusted proxy is set', async () => {
    const { url, bots } = await start({ trustedProxy: 'x-forwarded-for', allowTradingViewIpsOnly: true });
    const [bot] = bots;
    if (!bot) throw new Error('no bot');
    // The first hop is whatever the sender wrote; the tunnel appends the address it saw.
    expect((await post(url, alert(bot, { id: 'a' }), { 'x-forwarded-for': `${TRADINGVIEW}, 203.0.113.9` })).status).toBe(403);
    expect((await post(url, alert(bot, { id: 'b' }), { 'x-forwarded-for': `203.0.113.9, ${TRADINGVIEW}` })).status).toBe(200);
    expect((await post(url, alert(bot, { id: 'c' }), { 'x-forwarded-for': 'not-an-address' })).status).toBe(403);
    const sources = (await listLog(engine.services.db, { limit: 10 })).map((e) => e.source);
    expect(sources).toEqual(expect.arrayContaining(['203.0.113.9', TRADINGVIEW, '127.0.0.1']));
  });

  it('reads CF-Connecting-IP for Cloudflare Tunnel, and no header at all when the setting is off', async () => {
    const { url, bots } = await start({ trustedProxy: 'cf-connecting-ip', allowTradingViewIpsOnly: true });
    const [bot] = bots;
    if (!bot) throw new Error('no bot');
    expect((await post(url, alert(bot, { id: 'a' }), { 'cf-connecting-ip': TRADINGVIEW })).status).toBe(200);
    expect((await post(url, alert(bot, { id: 'b' }), { 'x-forwarded-for': TRADINGVIEW })).status).toBe(403);
    await engine.services.webhooks.configure({ ...engine.services.webhooks.status().settings, port: 0, trustedProxy: 'off' });
    const offUrl = engine.services.webhooks.status().url ?? '';
    expect((await post(offUrl, alert(bot, { id: 'c' }), { 'cf-connecting-ip': TRADINGVIEW, 'x-forwarded-for': TRADINGVIEW })).status).toBe(403);
  });
});

describe('connections: timeouts and the cap', () => {
  const short: Partial<ListenerLimits> = { headersTimeoutMs: 300, requestTimeoutMs: 300, keepAliveTimeoutMs: 300, checkIntervalMs: 50 };

  it('closes a silent connection and a slowloris sender within the configured time', async () => {
    const { port } = await start({}, short);
    const silent = await openRaw(port);
    const slow = await openRaw(port);
    slow.socket.write('POST /webhook HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => slow.socket.write('X-Drip: 1\r\n'), 100);
    // Before: Node checked the deadlines every 30 s, so such sockets lived 19-30 s.
    expect(await within(silent.closed, 3_000, 'still open')).not.toBe('still open');
    expect(await within(slow.closed, 3_000, 'still open')).not.toBe('still open');
    clearInterval(drip);
  });

  it('closes an idle kept-alive connection after its answer', async () => {
    const { port } = await start({}, short);
    const conn = await openRaw(port);
    conn.socket.write('GET /webhook HTTP/1.1\r\nHost: x\r\n\r\n');
    const received = await within(conn.closed, 3_000, 'still open');
    expect(received).toMatch(/^HTTP\/1\.1 405/);
  });

  it('refuses connections past the cap, and lets an alert through once capacity frees', async () => {
    const { url, port, bots } = await start({}, { ...short, maxConnections: 5 });
    const [bot] = bots;
    if (!bot) throw new Error('no bot');
    const held = await Promise.all(Array.from({ length: 5 }, () => openRaw(port)));
    const extra = await openRaw(port);
    extra.socket.write(`POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
    expect(await within(extra.closed, 3_000, 'still open')).toBe('');
    await Promise.all(held.map((h) => h.closed));
    expect((await post(url, alert(bot))).status).toBe(200);
  });

  it('answers a request target no URL parser accepts with 404 instead of crashing the engine', async () => {
    const { url, port, bots } = await start();
    const [bot] = bots;
    if (!bot) throw new Error('no bot');
    expect(await rawRequest(port, 'POST //[ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')).toBe(404);
    expect((await post(url, alert(bot))).status).toBe(200);
  });
});

describe('what junk costs on disk', () => {
  it('stores refused requests in compact form, and only inside the shared budget', async () => {
    const { url, bots } = await start();
    const [bot] = bots;
    if (!bot) throw new Error('no bot');
    const big = 'x'.repeat(8_000);
    const started = performance.now();
    for (let i = 0; i < 40; i++) await post(url, JSON.stringify({ passphrase: 'guess', bot: bot.id, action: 'buy', comment: big }));
    await post(url, `{"passphrase": "guess", "comment": "${big}`);
    const log = await listLog(engine.services.db, { limit: 1000 });
    expect(log.length).toBeLessThanOrEqual(noiseBudgetSince(started));
    for (const entry of log) expect(entry.body.length).toBeLessThan(1_100);
  });

  it('prunes the log to its entry limit when the service prunes', async () => {
    await start({ logMaxEntries: 1_000 });
    const rows = Array.from({ length: 1_200 }, (_, i) => ({ ts: Date.now() - 1_200 + i, source: 'x', botId: null, statusCode: 401, outcome: 'unauthorized', reason: null, body: '', alertId: null }));
    await engine.services.db.insertInto('webhookLog').values(rows).execute();
    await (engine.services.webhooks as WebhookService).prune();
    const left = await engine.services.db.selectFrom('webhookLog').select(({ fn }) => [fn.countAll<number>().as('n'), fn.min('ts').as('oldest')]).executeTakeFirstOrThrow();
    expect(left.n).toBe(1_000);
    expect(left.oldest).toBe(rows[200]?.ts);
  });
});
