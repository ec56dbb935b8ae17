import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Contract } from '../../shared/contract/index.ts';
import type { CandleUpdate } from '../../shared/domain/candle.ts';
import { createEngine, type Engine } from '../engine/index.ts';
import { silentLogger } from '../engine/ports/logger.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { startHeadlessServer, type HeadlessServer } from './server.ts';

const TOKEN = 'flow-token-0123456789abcdef';
const CAP = 512 * 1024;

/** A client on the `ws` package: unlike a browser's, it can stop reading (`pause`) like a stuck tab. */
async function connect(port: number) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${TOKEN}`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const client: ContractRouterClient<Contract> = createORPCClient(new RPCLink({ websocket: socket as unknown as globalThis.WebSocket }));
  return { socket, client, closed };
}

const bar = (i: number, closed: boolean): CandleUpdate => ({ symbol: 'BTC/USDT', timeframe: '1m', closed, candle: { ts: i * 60_000, open: i, high: i, low: i, close: i, volume: 1 } });

describe('per-client buffers on the headless host', () => {
  let engine: Engine;
  let server: HeadlessServer;
  beforeAll(async () => {
    engine = await createEngine({ dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
    server = await startHeadlessServer({ engine, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: tempDir(), maxQueuedBytesPerClient: CAP });
  });
  afterAll(async () => {
    await server.close();
    await engine.stop();
  });

  it('sends a live stream’s latest state, not every one of 100,000 bars pushed at once', async () => {
    const { socket, client } = await connect(server.port);
    const abort = new AbortController();
    const live = await client.market.live({ symbol: 'BTC/USDT', timeframe: '1m' }, { signal: abort.signal });
    const received: CandleUpdate[] = [];
    const reading = (async () => {
      for await (const update of live) {
        received.push(update);
        if (update.candle.ts === 100_000 * 60_000) return;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the subscription reaches the engine
    for (let i = 1; i <= 100_000; i++) engine.services.bus.emit('candle', bar(i, i % 10 === 0));
    await reading;
    expect(received.length).toBeLessThan(10);
    expect(received.at(-1)).toEqual(bar(100_000, true));
    abort.abort();
    socket.close();
  });

  it('disconnects a client that stops reading once it owes it more than the cap, and frees what it held', async () => {
    const { socket, client, closed } = await connect(server.port);
    socket.pause();
    // Every answer is ~150 KB of candles; a reader that never reads lets them pile up.
    const asks = Array.from({ length: 200 }, () => client.market.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 5000 }).catch(() => 'dropped'));
    // The host lets go of the client (and all it held for it) without waiting for it to read.
    await expect.poll(() => server.clientBacklogs(), { timeout: 20_000 }).toEqual([]);
    socket.resume();
    await closed;
    expect(new Set(await Promise.all(asks)).has('dropped')).toBe(true);
  });
});
