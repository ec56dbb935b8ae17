import { ORPCError } from '@orpc/client';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_SETTINGS } from '../engine/alerts/webhook-service.ts';
import { recordingLogger } from '../engine/testing/recording-logger.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { startTestHost, TEST_TOKEN } from './testing/test-host.ts';

type Reply = { status: number; body: { code: string; status: number; message: string; data?: { issues?: { path: unknown[]; message: string }[]; details?: Record<string, unknown> } } };

const REF_MESSAGE = /^Something went wrong in the engine \(ref ([0-9a-f]{6})\); the details are in the log$/;
/** Text that must never reach a caller: SQLite's words, a stack frame, a file path. */
const LEAKS = [/no such table/i, /sqlite/i, /\bat .+:\d+:\d+/, /\.ts\b/, /stack/i];

let log: ReturnType<typeof recordingLogger>;
let host: Awaited<ReturnType<typeof startTestHost>>;

async function api(method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${host.base}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Reply['body'] };
}

const botConfig = { name: 'errors', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 4 }, orderQty: 1, account: 'paper' };

beforeEach(async () => {
  log = recordingLogger();
  host = await startTestHost(tempDir(), undefined, log);
});
afterEach(() => host.close());

describe('error codes over the real REST API', () => {
  it('answers a malformed field 400 INVALID_INPUT with the field in data.issues', async () => {
    const reply = await api('GET', '/trades?limit=abc');
    expect(reply).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', status: 400 } });
    expect(reply.body.data?.issues?.map((i) => i.path)).toContainEqual(['limit']);
    expect(reply.body.message).toMatch(/^The request is not valid: limit: /);
  });

  it('answers a body that is not JSON 400 INVALID_INPUT in the same words as every other client error', async () => {
    const res = await fetch(`${host.base}/api/bots`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' }, body: '{"name": "half' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_INPUT', message: 'The request could not be read; send JSON with the header content-type: application/json' });
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('answers a rule the engine checks 400 INVALID_INPUT with its issue', async () => {
    const reply = await api('POST', '/bots', { ...botConfig, symbol: 'DOGE/USDT' });
    expect(reply).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
    expect(reply.body.data?.issues?.[0]?.path).toEqual(['symbol']);
  });

  it('answers 404 NOT_FOUND, 409 CONFLICT and 503 UNAVAILABLE with plain messages', async () => {
    expect(await api('GET', '/bots/bot-none')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', message: 'No bot with id bot-none' } });

    const created = await api('POST', '/bots', botConfig);
    const id = (created.body as unknown as { id: string }).id;
    await api('POST', `/bots/${id}/start`);
    expect(await api('DELETE', `/bots/${id}`)).toMatchObject({ status: 409, body: { code: 'CONFLICT', message: 'Stop the bot before deleting it' } });

    // The listener cannot bind the host's own port, so there is nothing to send a test alert to.
    await api('PUT', '/webhooks/settings', { ...DEFAULT_WEBHOOK_SETTINGS, host: '127.0.0.1', port: host.server.port });
    expect(await api('POST', '/webhooks/test', { message: 'action=buy' })).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } });
    expect(log.entries.filter((e) => e.level === 'error' && e.fields.ref)).toEqual([]);
  });
});

describe('an unexpected error (the database breaks under a procedure)', () => {
  beforeEach(async () => {
    await sql`drop table trades`.execute(host.engine.services.db);
  });

  it('answers REST 500 INTERNAL with a ref, logs it once with the real error, and leaks nothing', async () => {
    const reply = await api('GET', '/trades');
    expect(reply).toMatchObject({ status: 500, body: { code: 'INTERNAL', status: 500 } });
    const ref = REF_MESSAGE.exec(reply.body.message)?.[1];
    expect(ref, reply.body.message).toBeDefined();
    expect(reply.body.data?.details).toEqual({ ref });
    for (const leak of LEAKS) expect(JSON.stringify(reply.body)).not.toMatch(leak);

    const logged = log.withRef(ref!);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'error', fields: { procedure: 'trades.list', error: { message: expect.stringMatching(/no such table: trades/), stack: expect.stringContaining('\n') } } });
  });

  it('answers the WebSocket RPC INTERNAL with a ref, logged once', async () => {
    const error = await host.client.trades.list({}).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ORPCError);
    const { code, message, data } = error as ORPCError<string, { details: { ref: string } }>;
    expect(code).toBe('INTERNAL');
    const ref = REF_MESSAGE.exec(message)?.[1];
    expect(data.details.ref).toBe(ref);
    for (const leak of LEAKS) expect(JSON.stringify({ code, message, data })).not.toMatch(leak);
    expect(log.withRef(ref!)).toHaveLength(1);
    expect(log.entries.filter((e) => e.level === 'error')).toHaveLength(1);
  });

  it('gives every failure its own ref', async () => {
    const refs = new Set<string>();
    for (let i = 0; i < 5; i++) refs.add(REF_MESSAGE.exec((await api('GET', '/trades')).body.message)![1]!);
    expect(refs.size).toBe(5);
    expect(log.entries.filter((e) => e.level === 'error')).toHaveLength(5);
  });
});
