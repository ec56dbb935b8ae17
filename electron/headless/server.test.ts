import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawRequest } from '../engine/testing/raw-socket.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { startTestHost, TEST_TOKEN } from './testing/test-host.ts';

describe('headless host', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    const dir = tempDir();
    const staticDir = join(dir, 'ui');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<html>ui</html>');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    host = await startTestHost(join(dir, 'data'), staticDir);
  });
  afterAll(() => host.close());

  const bearer = { authorization: `Bearer ${TEST_TOKEN}` };

  it('answers /health without a token, with status only', async () => {
    const res = await fetch(`${host.base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses the REST API without the right token', async () => {
    expect((await fetch(`${host.base}/api/bots`)).status).toBe(401);
    expect((await fetch(`${host.base}/api/bots`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${host.base}/api/bots`, { headers: bearer });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([]);
  });

  it('refuses a WebSocket without the right token', async () => {
    for (const query of ['', '?token=wrong']) expect(await upgrade(`/rpc${query}`)).toBe(401);
  });

  /** Opens a WebSocket with the headers a browser would send; resolves with 101 or the refusal's status. */
  const upgrade = (path: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.server.port}${path}`, { headers });
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('error', () => resolve(0));
    });

  it('opens a WebSocket only for our own origin (a page elsewhere must not drive the engine)', async () => {
    const own = `http://127.0.0.1:${host.server.port}`;
    expect(await upgrade(`/rpc?token=${TEST_TOKEN}`, { origin: own })).toBe(101);
    expect(await upgrade(`/rpc?token=${TEST_TOKEN}`)).toBe(101);
    expect(await upgrade(`/rpc?token=${TEST_TOKEN}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade(`/rpc?token=${TEST_TOKEN}`, { origin: 'http://localhost:1' })).toBe(403);
  });

  it('serves loopback names and address literals only: a rebound DNS name is refused (HTTP and WebSocket)', async () => {
    const get = (hostHeader: string, path = '/api/bots') => rawRequest(host.server.port, `GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nConnection: close\r\n\r\n`);
    expect(await get(`127.0.0.1:${host.server.port}`)).toBe(200);
    expect(await get(`localhost:${host.server.port}`)).toBe(200);
    expect(await get(`[::1]:${host.server.port}`)).toBe(200);
    expect(await get(`evil.example:${host.server.port}`)).toBe(403);
    expect(await get(`evil.example:${host.server.port}`, '/')).toBe(403);
    expect(await rawRequest(host.server.port, `GET /api/bots HTTP/1.0\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n\r\n`)).toBe(403);
    expect(await upgrade(`/rpc?token=${TEST_TOKEN}`, { host: `evil.example:${host.server.port}` })).toBe(403);
  });

  it('answers a malformed path with 400, and survives request targets URL cannot parse', async () => {
    expect((await fetch(`${host.base}/%E0%A4%A`)).status).toBe(400);
    expect(await rawRequest(host.server.port, 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).toBe(200);
    const upgradeOfNoUrl = 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
    expect(await rawRequest(host.server.port, upgradeOfNoUrl)).toBe(401);
    expect((await fetch(`${host.base}/health`)).status).toBe(200);
  });

  it('sends the security headers on API answers too, refusals included', async () => {
    for (const res of [await fetch(`${host.base}/api/bots`, { headers: bearer }), await fetch(`${host.base}/api/bots`), await fetch(`${host.base}/`)]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('serves the REST API the seeds had: create, list, positions, trades', async () => {
    const created = await fetch(`${host.base}/api/bots`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rest', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 4 }, orderQty: 1, account: 'paper' }),
    });
    expect(created.status).toBe(200);
    const bot = (await created.json()) as { id: string };
    expect((await (await fetch(`${host.base}/api/bots/${bot.id}`, { headers: bearer })).json()) as object).toMatchObject({ id: bot.id, name: 'rest' });
    expect((await fetch(`${host.base}/api/positions`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${host.base}/api/trades?limit=10`, { headers: bearer })).status).toBe(200);
    const bad = await fetch(`${host.base}/api/trades?limit=abc`, { headers: bearer });
    expect(bad.status).toBe(400);
    const missing = await fetch(`${host.base}/api/bots/bot-none`, { headers: bearer });
    expect(missing.status).toBe(404);
  });

  it('publishes, to token holders only, an OpenAPI 3 document whose operationIds are the procedure names', async () => {
    expect((await fetch(`${host.base}/api/openapi.json`)).status).toBe(401);
    const doc = (await (await fetch(`${host.base}/api/openapi.json`, { headers: bearer })).json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const operationIds = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(operationIds).toEqual(expect.arrayContaining(['bots.list', 'bots.create', 'positions.list', 'trades.list', 'engine.status']));
  });

  it('serves the UI with a strict CSP, and never files outside it', async () => {
    const page = await fetch(`${host.base}/`);
    expect(await page.text()).toBe('<html>ui</html>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-');
    const escape = await fetch(`${host.base}/..%2fsecret.txt`);
    expect(await escape.text()).not.toContain('do not serve');
  });
});
