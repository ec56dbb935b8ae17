import { createRouterClient } from '@orpc/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../index.ts';
import { silentLogger } from '../ports/logger.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { candlesBefore, insertCandles } from '../persistence/candles.repository.ts';
import { SIMULATED_INSTRUMENTS } from './instruments.ts';
import { SIMULATED_CANDLE_VENUE, sameSource } from './market-source.ts';
import { enableSymbols } from './symbols/symbols.repository.ts';
import type { PublicDataSource } from './symbols/symbol-service.ts';

const BINANCE = { kind: 'exchange', exchangeId: 'binance', sandbox: false, options: {} } as const;
const bot = { name: 'Manual', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 3, slow: 7 }, orderQty: 0.1, account: 'paper' } as const;
/** Public data that is never reached: these tests stop before a client would be opened, or must. */
const unreachable: PublicDataSource = {
  exchanges: async () => ['binance'],
  open: () => {
    throw new Error('the exchange is out of reach in this test');
  },
};

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function open(dataDir: string, publicData?: PublicDataSource, logger = silentLogger) {
  const engine = await createEngine({ dataDir, logger, startMarketTimer: false, webhook: { port: 0 }, ...(publicData ? { publicData } : {}) });
  engines.push(engine);
  return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }) };
}

async function restart(dataDir: string, publicData?: PublicDataSource) {
  await engines.pop()?.stop();
  return open(dataDir, publicData);
}

describe('the market source', () => {
  it('runs the simulated market by default, with its speed, and nothing waiting for the next start', async () => {
    const { client } = await open(tempDir());
    expect(await client.market.source()).toEqual({ active: { kind: 'simulated' }, next: null, fallbackReason: null, symbols: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'], feed: null, candlesPerSecond: 1 });
    expect(await client.market.setSpeed({ candlesPerSecond: 20 })).toEqual({ candlesPerSecond: 20 });
    expect((await client.engine.status()).marketSpeed).toBe(20);
  });

  it('stores a change for the next start, survives a restart, and falls back with the reason while no symbol is enabled', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const stored = await first.client.market.setSource(BINANCE);
    expect(stored).toMatchObject({ active: { kind: 'simulated' }, next: BINANCE, fallbackReason: null });

    const second = await restart(dataDir);
    expect(await second.client.market.source()).toMatchObject({ active: { kind: 'simulated' }, next: BINANCE, candlesPerSecond: 1 });
    expect((await second.client.market.source()).fallbackReason).toBe('No symbol is enabled on binance: enable some on the Symbols page, then restart to follow binance');
  });

  it('falls back when no symbol is enabled on the exchange, or its client cannot be opened, and says so', async () => {
    const dataDir = tempDir();
    await (await open(dataDir)).client.market.setSource(BINANCE);
    const noSymbols = await restart(dataDir, unreachable);
    expect((await noSymbols.client.market.source()).fallbackReason).toBe('No symbol is enabled on binance: enable some on the Symbols page, then restart to follow binance');

    const rules = { base: 'BTC', quote: 'USDT', type: 'spot', tickSize: 0.01, stepSize: 0.00001, minNotional: 5, minQty: 0.00001 } as const;
    await enableSymbols(noSymbols.engine.services.db, 'binance', [{ symbol: 'BTC/USDT', ...rules }], 0);
    const broken = await restart(dataDir, unreachable);
    expect(await broken.client.market.source()).toMatchObject({
      active: { kind: 'simulated' },
      next: BINANCE,
      fallbackReason: "binance's public data could not be opened (the exchange is out of reach in this test)",
    });
    // The simulated market runs on: its instruments, its speed.
    expect((await broken.client.market.instruments()).map((i) => i.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(await broken.client.market.setSpeed({ candlesPerSecond: 5 })).toEqual({ candlesPerSecond: 5 });
  });

  it('refuses a change while the paper account has an open order or a position, naming them; going back to the running source is allowed', async () => {
    const dataDir = tempDir();
    const { engine, client } = await open(dataDir);
    const { id } = await client.bots.create(bot);
    const px = engine.services.lastPrice('SOL/USDT') ?? 0;
    const resting = await engine.services.orders.place({ botId: id, symbol: 'SOL/USDT', side: 'BUY', type: 'LIMIT', qty: 0.5, price: Math.round(px * 50) / 100 });
    expect(resting.status).toBe('ACCEPTED');
    await expect(client.market.setSource(BINANCE)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `The market source stays the simulated market while the paper account holds 1 open order (BUY 0.5 SOL/USDT @ ${resting.price}): their prices would jump to binance live. Cancel the orders and close the positions, then change the source.`,
    });
    expect(await client.market.setSource({ kind: 'simulated' })).toMatchObject({ next: null });

    await client.orders.cancel({ clientOrderId: resting.clientOrderId });
    const filled = await engine.services.orders.place({ botId: id, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 0.2 });
    expect(filled.status).toBe('FILLED');
    await expect(client.market.setSource(BINANCE)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('1 position (long 0.2 SOL/USDT)') });
    expect((await client.market.source()).next).toBeNull();

    await engine.services.orders.place({ botId: id, symbol: 'SOL/USDT', side: 'SELL', type: 'MARKET', qty: 0.2 });
    expect(await client.market.setSource(BINANCE)).toMatchObject({ next: BINANCE });
  });

  it('takes the same options in another key order for the same source, and any other value for another', () => {
    const urls = { api: { public: 'http://127.0.0.1:9/a', private: 'http://127.0.0.1:9/b' } };
    const a = { ...BINANCE, options: { timeout: 5000, urls } };
    expect(sameSource(a, { ...BINANCE, options: { urls: { api: { private: 'http://127.0.0.1:9/b', public: 'http://127.0.0.1:9/a' } }, timeout: 5000 } })).toBe(true);
    expect(sameSource(a, { ...BINANCE, options: { timeout: 5001, urls } })).toBe(false);
    expect(sameSource(a, { ...a, sandbox: true })).toBe(false);
    expect(sameSource(a, { kind: 'simulated' })).toBe(false);
    expect(sameSource({ ...BINANCE, options: { list: [1, 2] } }, { ...BINANCE, options: { list: [2, 1] } })).toBe(false);
  });

  it('holds back a stored change at start while positions were opened after it, and says why', async () => {
    const dataDir = tempDir();
    const { engine, client } = await open(dataDir);
    await client.market.setSource(BINANCE);
    const { id } = await client.bots.create(bot);
    await engine.services.orders.place({ botId: id, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 0.2 });
    const again = await restart(dataDir, unreachable);
    expect(await again.client.market.source()).toMatchObject({
      active: { kind: 'simulated' },
      next: BINANCE,
      fallbackReason: 'The paper account holds 1 position (long 0.2 SOL/USDT): the market stays the simulated market until they are closed; then restart to follow binance live',
    });
  });

  it('refuses options holding a credential, and an exchange id ccxt could not name', async () => {
    const { client } = await open(tempDir());
    await expect(client.market.setSource({ ...BINANCE, options: { apiKey: 'k' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(client.market.setSource({ ...BINANCE, exchangeId: 'Binance; drop' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await client.market.source()).next).toBeNull();
  });

  it('refuses an exchange this run does not know, naming those it does', async () => {
    const { client } = await open(tempDir(), unreachable);
    await expect(client.market.setSource({ ...BINANCE, exchangeId: 'binanse' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The engine does not know an exchange named "binanse" (it knows binance)',
    });
  });

  it('prunes the simulated market’s history only: the followed exchange’s bars stay', async () => {
    const { engine } = await open(tempDir());
    const old = { timeframe: '1m', ts: 0, open: 1, high: 1, low: 1, close: 1, volume: 0 };
    await insertCandles(engine.services.db, [{ venue: 'binance', symbol: 'BTC/USDT', ...old }, { venue: SIMULATED_CANDLE_VENUE, symbol: 'BTC/USDT', ...old }]);
    expect(SIMULATED_INSTRUMENTS.every((i) => i.venue === SIMULATED_CANDLE_VENUE)).toBe(true);
    await engine.services.candleRetention.prune();
    expect(await candlesBefore(engine.services.db, { venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m' }, 10)).toHaveLength(1);
    expect((await candlesBefore(engine.services.db, { venue: SIMULATED_CANDLE_VENUE, symbol: 'BTC/USDT', timeframe: '1m' }, 5000)).some((c) => c.ts === 0)).toBe(false);
  });

  it('logs the fallback once at start', async () => {
    const dataDir = tempDir();
    await (await open(dataDir)).client.market.setSource(BINANCE);
    await engines.pop()?.stop();
    const logger = recordingLogger();
    await open(dataDir, undefined, logger);
    expect(logger.entries.filter((e) => e.message === 'The stored market source is not the one running')).toHaveLength(1);
  });
});
