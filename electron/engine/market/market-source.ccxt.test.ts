import { createRouterClient } from '@orpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../index.ts';
import { candlesBefore } from '../persistence/candles.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { until } from '../testing/full-disk.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { createCcxtConnector } from '../venues/ccxt/connector.ts';
import { fakeBinanceOptions } from '../venues/ccxt/testing/fake-binance/ccxt-options.ts';
import { startFakeBinance, type FakeBinance } from '../venues/ccxt/testing/fake-binance/server.ts';
import { publicDataFromConnector } from './symbols/connector-source.ts';
import type { PublicDataSource } from './symbols/symbol-service.ts';

// A paper account following the real ccxt Binance client, pointed at the fake Binance, with real SQLite.
let fake: FakeBinance;
let fakeOptions: Record<string, unknown>;
const engines: Engine[] = [];

beforeEach(async () => {
  fake = await startFakeBinance();
  fakeOptions = await fakeBinanceOptions(fake.url);
});
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  await fake.close();
});

async function open(dataDir: string, publicData: PublicDataSource, startMarketTimer = false) {
  const exchangeFeed = { historyBars: 5, pollMs: 200, requestSpacingMs: 20 };
  const engine = await createEngine({ dataDir, logger: silentLogger, startMarketTimer, webhook: { port: 0 }, publicData, exchangeFeed });
  engines.push(engine);
  return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }) };
}

const bot = { name: 'Manual', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 3, slow: 7 }, orderQty: 0.001, account: 'paper' } as const;

describe('paper trading on binance’s live public data (ccxt against the fake Binance)', () => {
  it('trades the enabled symbols with binance’s rules, at the feed’s prices, and refuses what binance would', async () => {
    const dataDir = tempDir();
    // Discovery runs through the host's options; the market source carries its own, so the feed reaches the fake without them.
    const first = await open(dataDir, publicDataFromConnector(createCcxtConnector({ logger: silentLogger }), fakeOptions));
    await first.client.symbols.enable({ exchangeId: 'binance', symbols: ['BTC/USDT', 'ETH/USDT'] });
    const source = { kind: 'exchange', exchangeId: 'binance', sandbox: false, options: fakeOptions } as const;
    expect(await first.client.market.setSource(source)).toMatchObject({ active: { kind: 'simulated' }, next: source });
    await engines.pop()?.stop();

    const { engine, client } = await open(dataDir, publicDataFromConnector(createCcxtConnector({ logger: silentLogger })), true);
    expect(await client.market.source()).toMatchObject({ active: source, next: null, fallbackReason: null, symbols: ['BTC/USDT', 'ETH/USDT'], candlesPerSecond: null });
    expect(await client.market.instruments()).toEqual([
      { venue: 'binance', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5 },
      { venue: 'binance', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 },
    ]);
    await until(() => engine.services.lastPrice('BTC/USDT') !== null, 'the first BTC/USDT price from the fake');
    const feedPx = engine.services.lastPrice('BTC/USDT') ?? 0;
    // The fake's prices swing 1 % around 50,000; the simulated market's BTC starts at 65,000.
    expect(feedPx).toBeGreaterThan(49_000);
    expect(feedPx).toBeLessThan(51_000);
    expect(await client.market.source()).toMatchObject({ feed: { connected: true, failures: 0, lastError: null } });
    const stored = await candlesBefore(engine.services.db, { venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m' }, 100);
    expect(stored.length).toBeGreaterThanOrEqual(5);
    expect(await client.market.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 100 })).toEqual(stored);

    // The bots' symbol check: binance's symbols only, and at least its minimum order value.
    await expect(client.bots.create({ ...bot, symbol: 'SOL/USDT' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'Unknown symbol SOL/USDT' });
    await expect(client.bots.create({ ...bot, orderQty: 0.00001 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('5') });
    const { id } = await client.bots.create(bot);

    const tooSmall = await engine.services.orders.place({ botId: id, symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.00005 });
    expect(tooSmall.status).toBe('REJECTED');
    // 0.00005 BTC at about 50,000 USDT: about 2.5 USDT, under binance's 5 USDT.
    // The fake's price swings 1 % around 50,000, so the value lies within 1 % of 2.5 USDT (plus the 5 bps slippage).
    const value = Number(/^Order value (\d+\.\d+) USDT is below the minimum 5 USDT$/.exec(tooSmall.rejectReason ?? '')?.[1]);
    expect(value).toBeGreaterThan(2.47);
    expect(value).toBeLessThan(2.54);

    // The price read on each side of the order: a new minute may begin in between.
    const pxBefore = engine.services.lastPrice('BTC/USDT') ?? 0;
    const bought = await engine.services.orders.place({ botId: id, symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.000123456 });
    const pxAfter = engine.services.lastPrice('BTC/USDT') ?? 0;
    expect(bought.status).toBe('FILLED');
    // Rounded to binance's step (0.00001) and tick (0.01), filled at the feed's price plus the paper venue's 5 bps of slippage.
    expect(bought.filledQty).toBe(0.00012);
    const [fill] = await client.fills.list({ botId: id, limit: 10 });
    expect([pxBefore, pxAfter].map((px) => Math.round(px * 1.0005 * 100) / 100)).toContain(fill?.lastPx);
    // Live: no speed; and no source change while the position is open.
    await expect(client.market.setSpeed({ candlesPerSecond: 5 })).rejects.toMatchObject({ code: 'CONFLICT', message: 'The market follows binance live; speed applies to the simulated market only' });
    expect((await client.engine.status()).marketSpeed).toBeNull();
    await expect(client.market.setSource({ kind: 'simulated' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'The market source stays binance live while the paper account holds 1 position (long 0.00012 BTC/USDT): their prices would jump to the simulated market. Cancel the orders and close the positions, then change the source.',
    });
  }, 30_000);

  it('follows a symbol enabled while running at once (its bars are stored), and trades it from the next start', async () => {
    const dataDir = tempDir();
    const hostData = () => publicDataFromConnector(createCcxtConnector({ logger: silentLogger }), fakeOptions);
    const first = await open(dataDir, hostData());
    await first.client.symbols.enable({ exchangeId: 'binance', symbols: ['BTC/USDT'] });
    await first.client.market.setSource({ kind: 'exchange', exchangeId: 'binance', sandbox: false, options: {} });
    await engines.pop()?.stop();

    const live = await open(dataDir, hostData(), true);
    await live.client.symbols.enable({ exchangeId: 'binance', symbols: ['ETH/BTC'] });
    const ethBtc = { venue: 'binance', symbol: 'ETH/BTC', timeframe: '1m' };
    await until(async () => (await candlesBefore(live.engine.services.db, ethBtc, 10)).length > 0, 'ETH/BTC bars from the fake');
    expect((await live.client.market.instruments()).map((i) => i.symbol)).toEqual(['BTC/USDT']);
    await engines.pop()?.stop();

    const next = await open(dataDir, hostData());
    expect(await next.client.market.instruments()).toContainEqual({ venue: 'binance', symbol: 'ETH/BTC', base: 'ETH', quote: 'BTC', tickSize: 0.00001, stepSize: 0.0001, minNotional: 0.0001 });
  }, 30_000);

  it('says the feed is backing off, with the exchange’s error, while binance fails', async () => {
    const dataDir = tempDir();
    const discovery = await open(dataDir, publicDataFromConnector(createCcxtConnector({ logger: silentLogger }), fakeOptions));
    await discovery.client.symbols.enable({ exchangeId: 'binance', symbols: ['BTC/USDT'] });
    await discovery.client.market.setSource({ kind: 'exchange', exchangeId: 'binance', sandbox: false, options: fakeOptions });
    await engines.pop()?.stop();
    fake.fault({ kind: 'server_error', endpoint: 'GET /api/v3/klines', times: 1_000 });
    const { client } = await open(dataDir, publicDataFromConnector(createCcxtConnector({ logger: silentLogger })), true);
    await until(async () => (await client.market.source()).feed?.connected === false, 'the feed to report the outage');
    const { feed } = await client.market.source();
    expect(feed?.failures).toBeGreaterThan(0);
    expect(feed?.lastError).toBeTruthy();
  }, 30_000);
});
