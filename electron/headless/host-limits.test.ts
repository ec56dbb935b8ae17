import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine/index.ts';
import { silentLogger } from '../engine/ports/logger.ts';
import { openRaw } from '../engine/testing/raw-socket.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { startHeadlessServer, type HeadlessServer } from './server.ts';

describe('the UI host under idle and half-sent connections', () => {
  let engine: Engine;
  let server: HeadlessServer;
  beforeAll(async () => {
    engine = await createEngine({ dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
    const limits = { maxConnections: 4, headersTimeoutMs: 300, requestTimeoutMs: 300, keepAliveTimeoutMs: 300, checkIntervalMs: 100 };
    server = await startHeadlessServer({ engine, token: 't'.repeat(32), host: '127.0.0.1', port: 0, staticDir: tempDir(), limits });
  });
  afterAll(async () => {
    await server.close();
    await engine.stop();
  });

  it('cuts off a sender that never finishes its headers (slowloris), within the deadline', async () => {
    const { socket, closed } = await openRaw(server.port);
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const answer = await closed; // would hang for Node's default 30 s check without the limits
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('refuses connections past the cap, and serves again once they are gone', async () => {
    const idle = await Promise.all(Array.from({ length: 4 }, () => openRaw(server.port)));
    const extra = await openRaw(server.port);
    extra.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await extra.closed).toBe(''); // closed as soon as accepted: never answered
    for (const { socket } of idle) socket.destroy();
    await Promise.all(idle.map((c) => c.closed));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(`${server.url.split('/?')[0]}/health`)).status).toBe(200);
  });
});
