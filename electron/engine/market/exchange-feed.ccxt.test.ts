import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CandleUpdate } from '../../../shared/domain/candle.ts';
import { candlesBefore } from '../persistence/candles.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { createCcxtConnector } from '../venues/ccxt/connector.ts';
import { fakeBinanceOptions } from '../venues/ccxt/testing/fake-binance/ccxt-options.ts';
import { startFakeBinance, type FakeBinance } from '../venues/ccxt/testing/fake-binance/server.ts';
import type { ExchangeConnector, PublicMarketData } from '../venues/exchange.ts';
import { BAR_MS } from './exchange-feed-bars.ts';
import { ExchangeFeed } from './exchange-feed.ts';
import { instrumentOf } from './symbols/instrument-of.ts';
import { publicDataFromConnector } from './symbols/connector-source.ts';
import { SymbolService } from './symbols/symbol-service.ts';

// The real ccxt Binance client, through the connector's public data, against the fake Binance server.
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
let fake: FakeBinance;
let connector: ExchangeConnector;
let data: PublicMarketData;
const clock = manualClock(T0 + 30_000);

beforeEach(async () => {
  fake = await startFakeBinance({ now: () => clock.now() });
  connector = createCcxtConnector({ logger: silentLogger });
  data = connector.publicData({ exchangeId: 'binance', sandbox: false, options: await fakeBinanceOptions(fake.url) });
});
afterEach(async () => {
  await data.close();
  await fake.close();
});

const minutes = (from: number, to: number) => Array.from({ length: (to - from) / BAR_MS + 1 }, (_, i) => from + i * BAR_MS);

describe('symbols and the live feed through ccxt against the fake Binance', () => {
  it('discovers active USDT markets by volume, enables them with the exchange’s rules, and refuses an inactive one', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'symbols.sqlite'));
    const service = new SymbolService({ db, clock, source: publicDataFromConnector(connector, await fakeBinanceOptions(fake.url)) });
    expect(await service.exchanges()).toContain('binance');
    const page = await service.discover('binance', { quote: 'USDT', types: ['spot'], minQuoteVolume24h: 0, activeOnly: true }, { by: 'volume', direction: 'desc' }, { offset: 0, limit: 10 });
    expect(page.ok && page.value.markets.map((m) => [m.symbol, m.quoteVolume24h])).toEqual([['BTC/USDT', 20_000 * 50_000], ['ETH/USDT', 1_000 * 3_000]]);
    const enabled = await service.enable('binance', ['BTC/USDT', 'ETH/BTC'], 0.5);
    expect(enabled.ok && enabled.value.map(({ symbol, tickSize, stepSize, minNotional, minQty, riskMultiplier }) => ({ symbol, tickSize, stepSize, minNotional, minQty, riskMultiplier }))).toEqual([
      { symbol: 'BTC/USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5, minQty: 0.00001, riskMultiplier: 0.5 },
      { symbol: 'ETH/BTC', tickSize: 0.00001, stepSize: 0.0001, minNotional: 0.0001, minQty: 0.0001, riskMultiplier: 0.5 },
    ]);
    const inactive = await service.enable('binance', ['LUNA/USDT']);
    expect(!inactive.ok && inactive.error.message).toContain('LUNA/USDT is not trading on binance (inactive)');
    const markets = await connector.publicData({ exchangeId: 'binance', sandbox: false, options: await fakeBinanceOptions(fake.url) }).markets();
    const btc = markets.ok ? markets.value.find((m) => m.symbol === 'BTC/USDT') : undefined;
    expect(btc && instrumentOf('paper', btc)).toEqual({ ok: true, value: { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minNotional: 5 } });
    await service.close();
    await close();
  });

  it('follows bars live, backs off when klines fail, and fills the missed bars once, in order, after reconnecting', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'feed.sqlite'));
    const logger = recordingLogger();
    let injected = false;
    const wait = async (ms: number) => {
      clock.advance(ms);
      // At T0+2m klines fail 4 times: the first request and ccxt's 3 retries inside the connector.
      if (clock.now() >= T0 + 2 * BAR_MS && !injected) {
        injected = true;
        fake.fault({ kind: 'server_error', endpoint: 'GET /api/v3/klines', times: 4 });
      }
      await new Promise((resolve) => setImmediate(resolve));
    };
    const feed = new ExchangeFeed({ db, data, clock, logger, wait, random: () => 0.5 }, { venue: 'binance', symbols: ['BTC/USDT', 'ETH/USDT'], historyBars: 3, backoff: { initialMs: 240_000, maxMs: 600_000 } });
    const updates: CandleUpdate[] = [];
    feed.subscribe((u) => void updates.push(u));
    await feed.init();
    feed.start();
    while (clock.now() < T0 + 8 * BAR_MS + 30_000) await new Promise((resolve) => setTimeout(resolve, 1));
    await feed.stop();
    for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
      expect(updates.filter((u) => u.closed && u.symbol === symbol).map((u) => u.candle.ts)).toEqual(minutes(T0, T0 + 7 * BAR_MS));
      const stored = await candlesBefore(db, { venue: 'binance', symbol, timeframe: '1m' }, 100);
      expect(stored.map((c) => c.ts)).toEqual(minutes(T0 - 3 * BAR_MS, T0 + 7 * BAR_MS));
    }
    expect(injected).toBe(true);
    const lost = logger.entries.find((e) => e.message.startsWith('Lost the exchange feed'));
    // 3/4 of the 4-minute first wait: the outage spans bars that closed meanwhile.
    expect(lost?.fields.retryInMs).toBe(180_000);
    expect(logger.entries.filter((e) => e.message.startsWith('Exchange feed back'))).toHaveLength(1);
    expect(feed.lastPrice('BTC/USDT')).toBeGreaterThan(0);
    await close();
  }, 30_000);
});
