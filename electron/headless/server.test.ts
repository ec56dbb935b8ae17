import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    for (const query of ['', '?token=wrong']) {
      const socket = new WebSocket(`ws://127.0.0.1:${host.server.port}/rpc${query}`);
      const outcome = await new Promise((resolve) => {
        socket.addEventListener('open', () => resolve('open'));
        socket.addEventListener('error', () => resolve('refused'));
      });
      expect(outcome).toBe('refused');
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

  it('publishes an OpenAPI 3 document whose operationIds are the procedure names', async () => {
    const doc = (await (await fetch(`${host.base}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
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
